import request from 'supertest';
import { Customer, DEV_ADMIN_PASSWORD, InternetPackage, Subscription, Tenant } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import { SubscriptionsController } from '../src/subscriptions/subscriptions.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

const KEY_REUSED = 'Idempotency-Key ini sudah dipakai untuk permintaan lain dengan isi berbeda; gunakan kunci baru untuk permintaan baru.';
const INVALID_KEY = 'Header Idempotency-Key harus 8–255 karakter berupa huruf, angka, titik, titik dua, garis bawah atau strip (misalnya sebuah UUID).';
const pppoeTaken = (username: string) => `Username PPPoE "${username}" sudah dipakai langganan lain di mitra ini.`;

/** `POST /api/v1/subscriptions` as an integrator retries it: Idempotency-Key and duplicate PPPoE usernames (Temporal down). */
describe(`${SubscriptionsController.name}: create (medium)`, () => {
  let t: TestApp;
  let admin: string;
  let sukamaju: Tenant;
  let mekarjaya: Tenant;
  let paket10: InternetPackage;
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;
  const newCustomer = (tenant: Tenant) =>
    db().getRepository(Customer).save({ tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name: 'Dewi Lestari', phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
  const create = (body: object, key?: string) => {
    const call = http().post('/api/v1/subscriptions').set('Authorization', admin);
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
  };
  const subscriptionsOf = (customer: Customer) => db().getRepository(Subscription).countBy({ customerId: customer.id });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    sukamaju = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    mekarjaya = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'Net Mekarjaya' });
    paket10 = await db().getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 10 Mbps' });
  });
  afterAll(async () => t?.close());

  describe('Idempotency-Key', () => {
    it('answers a retry with the same key and body with the first answer, creating nothing again', async () => {
      const customer = await newCustomer(sukamaju);
      const key = randomUUID();
      const first = await create({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }, key).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // The same body with its keys in another order is the same request.
      const retry = await create({ billingDay: 5, packageId: paket10.id, customerId: customer.id }, key).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.text).toBe(first.text);
      expect(await subscriptionsOf(customer)).toBe(1);
    });

    it('gives racing requests with one key one subscription and the same answer', async () => {
      const customer = await newCustomer(sukamaju);
      const key = randomUUID();
      const body = { customerId: customer.id, packageId: paket10.id, billingDay: 7 };
      const answers = await Promise.all([1, 2, 3, 4].map(() => create(body, key)));
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
      expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      expect(await subscriptionsOf(customer)).toBe(1);
    });

    it('refuses the same key with another body with 422 and creates nothing', async () => {
      const customer = await newCustomer(sukamaju);
      const key = randomUUID();
      await create({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }, key).expect(201);
      const other = await create({ customerId: customer.id, packageId: paket10.id, billingDay: 6 }, key).expect(422);
      expect(other.body.detail).toBe(KEY_REUSED);
      expect(await subscriptionsOf(customer)).toBe(1);
    });

    it('refuses a key of the wrong format with 400 and creates nothing', async () => {
      const customer = await newCustomer(sukamaju);
      for (const key of ['short', 'spasi di dalam kunci', 'x'.repeat(256)]) {
        const response = await create({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }, key).expect(400);
        expect(response.body.detail).toBe(INVALID_KEY);
      }
      expect(await subscriptionsOf(customer)).toBe(0);
    });

    it('does not remember a request that failed: the corrected request with the same key runs', async () => {
      const customer = await newCustomer(sukamaju);
      const key = randomUUID();
      await create({ customerId: customer.id, packageId: paket10.id, billingDay: 29 }, key).expect(400);
      await create({ customerId: customer.id, packageId: paket10.id, billingDay: 28 }, key).expect(201);
      expect(await subscriptionsOf(customer)).toBe(1);
    });

    it('forgets a key after 24 hours: the same key then creates again', async () => {
      const customer = await newCustomer(sukamaju);
      const key = randomUUID();
      const body = { customerId: customer.id, packageId: paket10.id, billingDay: 5 };
      await create(body, key).expect(201);
      const [{ hours }] = await db().query(`SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM idempotency_keys WHERE key = $1`, [key]);
      expect(Number(hours)).toBe(24);
      await db().query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second', created_at = created_at - interval '24 hours' WHERE key = $1`, [key]);
      const again = await create(body, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(await subscriptionsOf(customer)).toBe(2);
    });

    it('is documented in OpenAPI: the header and the 422', async () => {
      const document = (await http().get('/api/docs-json').expect(200)).body;
      const operation = document.paths['/api/v1/subscriptions'].post;
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '409', '422']));
    });
  });

  describe('PPPoE username', () => {
    it('refuses a username the tenant already uses with 409 naming pppoeUsername', async () => {
      const username = `pppoe-${randomUUID().slice(0, 8)}`;
      await create({ customerId: (await newCustomer(sukamaju)).id, packageId: paket10.id, billingDay: 5, pppoeUsername: username }).expect(201);
      const customer = await newCustomer(sukamaju);
      const duplicate = await create({ customerId: customer.id, packageId: paket10.id, billingDay: 5, pppoeUsername: username }).expect(409);
      expect(duplicate.body).toMatchObject({ detail: pppoeTaken(username), errors: [{ field: 'pppoeUsername', message: pppoeTaken(username) }] });
      expect(await subscriptionsOf(customer)).toBe(0);
    });

    it('gives one of two racing creations the username and the other a 409', async () => {
      const username = `pppoe-${randomUUID().slice(0, 8)}`;
      const customers = [await newCustomer(sukamaju), await newCustomer(sukamaju)];
      const answers = await Promise.all(customers.map((customer) => create({ customerId: customer.id, packageId: paket10.id, billingDay: 5, pppoeUsername: username })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)?.body.detail).toBe(pppoeTaken(username));
      expect(await db().getRepository(Subscription).countBy({ pppoeUsername: username })).toBe(1);
    });

    it("lets another tenant use the same username", async () => {
      const username = `pppoe-${randomUUID().slice(0, 8)}`;
      await create({ customerId: (await newCustomer(sukamaju)).id, packageId: paket10.id, billingDay: 5, pppoeUsername: username }).expect(201);
      await create({ customerId: (await newCustomer(mekarjaya)).id, packageId: paket10.id, billingDay: 5, pppoeUsername: username }).expect(201);
    });
  });
});
