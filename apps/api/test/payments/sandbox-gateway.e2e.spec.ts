import request from 'supertest';
import { parsePaymentsConfig, SandboxGateway, signSandboxPayload, verifySandboxSignature, type SandboxWebhookPayload } from '@lunas/payments';
import { DEV_ADMIN_PASSWORD, Invoice, Payment } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture } from '@lunas/persistence/testing';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { SandboxGatewayService } from '../../src/sandbox-gateway/sandbox-gateway.service';
import { eventually, RecordingSignalSender, startPaymentsTestApp, type PaymentsTestApp } from '../webhooks/payments-test-app';
import { freePort } from '@lunas/testing';

const SECRET = 'sandbox-e2e-secret';


interface Fixture {
  configured: SubscriptionFixture;
  unconfigured: SubscriptionFixture;
}

describe(SandboxGatewayService.name, () => {
  describe('pay (through the API, the pay page and the signed webhook)', () => {
    const temporal = new RecordingSignalSender();
    let t: PaymentsTestApp<Fixture>;
    let baseUrl: string;
    let admin: string;
    const http = () => request(t.app.getHttpServer());

    beforeAll(async () => {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      t = await startPaymentsTestApp<Fixture>({
        sender: temporal,
        prepare: async (dataSource) => ({ configured: await insertSubscription(dataSource.manager), unconfigured: await insertSubscription(dataSource.manager) }),
        payments: (f) => parsePaymentsConfig({ tenants: { [f.configured.tenant.id]: { gateway: 'sandbox', baseUrl, secret: SECRET } } }),
      });
      await t.app.listen(port, '127.0.0.1');
      admin = (await http().post('/api/v1/auth/login').send({ username: 'superadmin', password: DEV_ADMIN_PASSWORD }).expect(200)).body.accessToken;
    });
    afterAll(async () => t.close());

    it('creates a pay link, takes a partial then the full rest on the pay page, and books both through the webhook', async () => {
      const invoice = await insertInvoice(t.database.dataSource.manager, t.fixture.configured);
      const link = await http().post(`/api/v1/invoices/${invoice.id}/pay-links`).set('Authorization', `Bearer ${admin}`).send({ method: 'va' }).expect(201);
      expect(link.body).toMatchObject({ gateway: 'sandbox', payUrl: `${baseUrl}/sandbox/pay/${link.body.gatewayReference}`, vaNumber: expect.stringMatching(/^8808\d{10}$/) });
      const path = `/sandbox/pay/${link.body.gatewayReference}`;

      const page = await http().get(path).expect(200).expect('content-type', /text\/html/);
      expect(page.text).toContain(invoice.number);
      expect(page.text).toContain('Rp 166.500');
      expect(page.text).toContain('Bayar penuh');

      const partial = await http().post(path).type('form').send({ amount: '66500' }).expect(200);
      expect(partial.text).toContain('Pembayaran Rp 66.500 berhasil');
      expect(partial.text).toContain('Rp 100.000');
      await eventually(async () => expect(await t.database.dataSource.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'partial', amountPaid: 66_500 }));

      await http().post(path).type('form').send({ amount: '100000' }).expect(200);
      await eventually(async () => expect(await t.database.dataSource.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).toMatchObject({ status: 'paid', amountPaid: 166_500 }));
      const payments = await t.database.dataSource.getRepository(Payment).findBy({ invoiceId: invoice.id, status: 'succeeded' });
      expect(payments.map((payment) => payment.amount).sort()).toEqual([100_000, 66_500]);
      await eventually(() => expect(temporal.signals.filter((signal) => signal.payload.invoiceId === invoice.id)).toHaveLength(2));
      const closed = await http().post(path).type('form').send({ amount: '1' }).expect(409).expect('content-type', /text\/html/);
      expect(closed.text).toContain('Pembayaran ini sudah selesai');
    });

    it('refuses a pay link, in Indonesian, for a tenant without a configured gateway', async () => {
      const invoice = await insertInvoice(t.database.dataSource.manager, t.fixture.unconfigured);
      const response = await http().post(`/api/v1/invoices/${invoice.id}/pay-links`).set('Authorization', `Bearer ${admin}`).send({ method: 'va' }).expect(422);
      expect(response.body).toMatchObject({ code: 'GATEWAY_NOT_CONFIGURED', detail: 'Gateway pembayaran belum dikonfigurasi untuk mitra ini' });
    });

    it('answers an unknown pay page 404 with a page in Indonesian, not JSON', async () => {
      const response = await http().get('/sandbox/pay/SBX-NOPE').expect(404).expect('content-type', /text\/html/);
      expect(response.text).toContain('Pembayaran tidak ditemukan atau tautan sudah tidak berlaku');
      expect(response.text).not.toContain('"status"');
    });

    it('answers an expired pay link 410 with a page in Indonesian, on view and on pay', async () => {
      const raw = JSON.stringify({
        order_id: 'INV-EXPIRED', method: 'va', amount: 50_000, description: 'Tagihan', customer_name: 'Ahmad Fauzi',
        expires_at: new Date(Date.now() - 60_000).toISOString(),
      });
      const created = await http().post('/sandbox/api/payments').set('Content-Type', 'application/json')
        .set('X-Lunas-Signature', signSandboxPayload(raw, SECRET, new Date())).send(raw).expect(201);
      const path = `/sandbox/pay/${created.body.reference}`;
      const page = await http().get(path).expect(410).expect('content-type', /text\/html/);
      expect(page.text).toContain('Tautan pembayaran ini sudah kedaluwarsa');
      const pay = await http().post(path).type('form').send({ amount: '50000' }).expect(410).expect('content-type', /text\/html/);
      expect(pay.text).toContain('Sudah tidak berlaku');
    });
  });

  describe('pay (webhook delivery)', () => {
    it('retries the signed webhook, same event id, until the endpoint answers 2xx', async () => {
      const deliveries: Array<{ body: string; headers: IncomingHttpHeaders }> = [];
      const endpoint = createHttpServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          deliveries.push({ body, headers: req.headers });
          res.statusCode = deliveries.length < 3 ? 503 : 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(endpoint.address() as { port: number }).port}`;
      const service = new SandboxGatewayService(parsePaymentsConfig({ default: { gateway: 'sandbox', baseUrl: url, secret: SECRET } }), { retryDelaysMs: [20, 20, 20] });
      const merchant = new SandboxGateway({
        baseUrl: url, secret: SECRET,
        fetch: async (_url, init) => {
          const created = service.create(Buffer.from(String(init.body)), init.headers ?? {}, JSON.parse(String(init.body)));
          return { status: 201, text: async () => JSON.stringify(created) };
        },
      });
      try {
        const created = await merchant.createPayment({
          invoiceRef: 'INV-RETRY', method: 'va', amount: 50_000, now: new Date(), expiresAt: new Date(Date.now() + 3_600_000), customer: { name: 'Ahmad Fauzi' }, description: 'Tagihan',
        });
        service.pay(created.gatewayReference, 50_000);
        await eventually(() => expect(deliveries).toHaveLength(3));
        const ids = deliveries.map((delivery) => (JSON.parse(delivery.body) as SandboxWebhookPayload).id);
        expect(new Set(ids).size).toBe(1);
        for (const delivery of deliveries) expect(verifySandboxSignature(Buffer.from(delivery.body), delivery.headers, SECRET, new Date())).toBeUndefined();
        expect(JSON.parse(deliveries[0].body)).toMatchObject({ type: 'payment.paid', data: { order_id: 'INV-RETRY', amount: 50_000, status: 'paid' } });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(deliveries).toHaveLength(3);
      } finally {
        service.onApplicationShutdown();
        await new Promise((resolve) => endpoint.close(resolve));
      }
    });
  });
});
