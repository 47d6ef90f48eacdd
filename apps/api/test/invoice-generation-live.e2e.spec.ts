import request from 'supertest';
import { hash } from '@node-rs/argon2';
import { searchAttributeServerArgs, type SubscriptionWorkflowState } from '@lunas/contracts';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, InternetPackage, Invoice, Role, SEED_MITRAS, Tenant, User } from '@lunas/persistence';
import { eventually, freePort, startLiveTemporal, wib, wibText, type LiveTemporal } from '@lunas/testing';
import { devServerBinPath } from '@lunas/devserver';
import { randomUUID } from 'node:crypto';
import { InvoiceGenerationController } from '../src/invoices/generation/invoice-generation.controller';
import { bearer, startTestApp, type TestApp } from './test-app';

/** How long a workflow may take to act on a call: a worker sharing two busy cores can need seconds per task. */
const SETTLE_MS = 30_000;
const KASIR_PASSWORD = 'Kasir123!';
jest.setTimeout(120_000);

// Manual issue against the embedded Temporal server (time skipping) and the REAL worker app writing to this test's
// database. Every subscription is on billing day 5 with "Paket 10 Mbps" (Rp 100.000 + PPN 11 % = Rp 111.000),
// created Thu 1 Apr 2027 10:00 WIB: its next period is 2027-05 (due Mon 5 Apr), which the schedule would issue Sun
// 4 Apr 06:00. On Fri 2 Apr 10:00 a mitra admin and the superadmin issue it now; on Sun 4 Apr the schedule finds it
// issued. The seeded subscriptions are cancelled (skipped, reason `cancelled`).
describe(`${InvoiceGenerationController.name} (live: embedded Temporal server, real workflow and worker)`, () => {
  let t: TestApp;
  let live: LiveTemporal;
  let admin: string;
  let mitra: string;
  let kasir: string;
  let sukamaju: Tenant;
  let mekarjaya: Tenant;
  let paket10: InternetPackage;
  const subscriptions: Record<string, string> = {};
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;

  const subscribe = async (tenant: Tenant, name: string): Promise<string> => {
    const customer = await db().getRepository(Customer).save({ tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name, phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
    const response = await http().post('/api/v1/subscriptions').set('Authorization', admin).send({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }).expect(201);
    expect(response.body.workflowStarted).toBe(true);
    return response.body.id;
  };
  const state = async (id: string): Promise<SubscriptionWorkflowState> =>
    (await http().get(`/api/v1/subscriptions/${id}`).set('Authorization', admin).expect(200)).body.state;
  const cancelledSeeded = async (tenantId?: string): Promise<number> => {
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM subscriptions WHERE status = 'cancelled' AND ($1::uuid IS NULL OR tenant_id = $1)`, [tenantId ?? null]);
    return n;
  };
  /** Starts a manual issue and waits for its report to say done. */
  const generate = async (auth: string, body: Record<string, unknown>) => {
    const started = await http().post('/api/v1/invoices/generate').set('Authorization', auth).send(body).expect(202);
    expect(started.body.statusUrl).toBe(`/api/v1/invoices/generate/${started.body.jobId}`);
    let report: Record<string, unknown> = {};
    await eventually(async () => {
      report = (await http().get(started.body.statusUrl).set('Authorization', auth).expect(200)).body;
      expect(report['done']).toBe(true);
    }, SETTLE_MS);
    expect(report['total']).toBe(started.body.total);
    return report;
  };
  const invoicesOf = (id: string) => db().getRepository(Invoice).find({ where: { subscriptionId: id }, order: { period: 'ASC' } });

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestApp({
      temporalAddress: `127.0.0.1:${port}`,
      prepare: async (dataSource) => {
        await dataSource.query(`UPDATE subscriptions SET status = 'cancelled'`);
        // No activation invoice: the first invoice of each subscription is the one this test issues by hand.
        await dataSource.query(`UPDATE tenants SET activation_billing = 'none'`);
        const m = dataSource.manager;
        const tenant = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        const user = await m.save(User, m.create(User, { tenantId: tenant.id, username: 'kasir1', name: 'Kasir', passwordHash: await hash(KASIR_PASSWORD) }));
        await m.query(`INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)`, [user.id, (await m.findOneByOrFail(Role, { code: 'kasir' })).id]);
        return undefined;
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
    kasir = await bearer(t, 'kasir1', KASIR_PASSWORD);
    sukamaju = await db().getRepository(Tenant).findOneByOrFail({ businessName: SEED_MITRAS[0].businessName });
    mekarjaya = await db().getRepository(Tenant).findOneByOrFail({ businessName: SEED_MITRAS[1].businessName });
    paket10 = await db().getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 10 Mbps' });

    live = await startLiveTemporal({
      server: { path: devServerBinPath(), port, extraArgs: searchAttributeServerArgs() },
      workerEnv: { DATABASE_URL: t.database.url },
      startAt: wib('2027-04-01 10:00'),
    });
    for (const name of ['sukamaju1', 'sukamaju2']) subscriptions[name] = await subscribe(sukamaju, name);
    // A subscription whose workflow is gone (its id names no workflow): its failure must not stop the others.
    subscriptions['sukamajuLost'] = await subscribe(sukamaju, 'sukamajuLost');
    await db().query(`UPDATE subscriptions SET workflow_id = 'subscription-lost' WHERE id = $1`, [subscriptions['sukamajuLost']]);
    for (const name of ['mekarjaya1', 'mekarjayaIsolated']) subscriptions[name] = await subscribe(mekarjaya, name);
    const isolated = subscriptions['mekarjayaIsolated'];
    await http().post(`/api/v1/subscriptions/${isolated}/actions/suspend`).set('Authorization', admin).send({ reason: 'Uji isolir' }).expect(200);
    await eventually(async () => expect(await state(isolated)).toMatchObject({ suspended: true }), SETTLE_MS);
    await live.travelTo(wib('2027-04-02 10:00'));
  }, 180_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  describe('POST /api/v1/invoices/generate', () => {
    it('refuses a role without invoice.issue (403), a mitra admin for another mitra (403) and bad input (400)', async () => {
      await http().post('/api/v1/invoices/generate').set('Authorization', kasir).send({}).expect(403);
      const other = await http().post('/api/v1/invoices/generate').set('Authorization', mitra).send({ tenantId: mekarjaya.id }).expect(403);
      expect(other.body.detail).toBe('Anda hanya dapat menerbitkan tagihan untuk mitra Anda sendiri.');
      const period = await http().post('/api/v1/invoices/generate').set('Authorization', admin).send({ period: '2027-5' }).expect(400);
      expect(JSON.stringify(period.body)).toContain('period harus berformat YYYY-MM');
      await http().post('/api/v1/invoices/generate').set('Authorization', admin).send({ tenantId: randomUUID() }).expect(400);
      expect(await db().query(`SELECT id FROM invoice_generation_jobs`)).toEqual([]);
    });

    it("lets a mitra admin issue its own tenant's 2027-05 invoices on Fri 2 Apr, audited", async () => {
      const report = await generate(mitra, {});

      const cancelled = await cancelledSeeded(sukamaju.id);
      expect(report).toMatchObject({
        tenantId: sukamaju.id,
        period: null,
        total: 3 + cancelled,
        pending: 0,
        issued: 2,
        skipped: { total: cancelled, byReason: { already_invoiced: 0, cancelled, isolated: 0, not_next_period: 0 } },
        failed: { total: 1, items: [{ subscriptionId: subscriptions['sukamajuLost'], message: 'Proses penagihan langganan ini belum berjalan atau sudah berakhir.' }] },
      });
      for (const name of ['sukamaju1', 'sukamaju2']) {
        const invoices = (await invoicesOf(subscriptions[name])).map((invoice) => [invoice.period, invoice.periodStart, invoice.periodEnd, wibText(invoice.issuedAt), invoice.total]);
        expect(invoices).toEqual([['2027-05', '2027-05-05', '2027-06-04', '2027-04-02 10:00', 111_000]]);
      }
      expect(await invoicesOf(subscriptions['mekarjaya1'])).toEqual([]);
      const mitraUser = await db().getRepository(User).findOneByOrFail({ username: SEED_MITRAS[0].username });
      const audit = await db().getRepository(AuditLog).findBy({ action: 'invoice.generate' });
      expect(audit).toEqual([expect.objectContaining({ actorUserId: mitraUser.id, tenantId: sukamaju.id, entityId: report['jobId'] })]);
    });

    it('hides a job from another mitra (404) and shows it to the superadmin', async () => {
      const job = (await http().post('/api/v1/invoices/generate').set('Authorization', admin).send({ tenantId: mekarjaya.id, period: '2027-06' }).expect(202)).body;
      await http().get(`/api/v1/invoices/generate/${job.jobId}`).set('Authorization', mitra).expect(404);
      await http().get('/api/v1/invoices/generate/not-a-uuid').set('Authorization', admin).expect(400);
      await eventually(async () => {
        const report = (await http().get(`/api/v1/invoices/generate/${job.jobId}`).set('Authorization', admin).expect(200)).body;
        // 2027-06 is not the next period of anyone on Fri 2 Apr: nothing issued.
        expect(report).toMatchObject({ done: true, issued: 0, skipped: { byReason: { not_next_period: 2, isolated: 0 } } });
      }, SETTLE_MS);
      expect(await invoicesOf(subscriptions['mekarjaya1'])).toEqual([]);
    });

    it('lets the superadmin issue one mitra: the isolated subscription is skipped', async () => {
      const report = await generate(admin, { tenantId: mekarjaya.id });

      const cancelled = await cancelledSeeded(mekarjaya.id);
      expect(report).toMatchObject({ total: 2 + cancelled, issued: 1, skipped: { total: 1 + cancelled, byReason: { isolated: 1, cancelled } }, failed: { total: 0 } });
      expect((await invoicesOf(subscriptions['mekarjaya1'])).map((invoice) => invoice.period)).toEqual(['2027-05']);
      expect(await invoicesOf(subscriptions['mekarjayaIsolated'])).toEqual([]);
    });

    it('lets the superadmin issue every mitra: a repeat issues nothing and counts the issued periods as skipped', async () => {
      const report = await generate(admin, {});

      const cancelled = await cancelledSeeded();
      expect(report).toMatchObject({
        tenantId: null,
        total: 5 + cancelled,
        issued: 0,
        skipped: { total: 4 + cancelled, byReason: { already_invoiced: 3, cancelled, isolated: 1, not_next_period: 0 } },
        failed: { total: 1 },
      });
      expect(await db().query(`SELECT count(*)::int AS n FROM invoices`)).toEqual([{ n: 3 }]);
    });
  });

  describe('Sun 4 Apr 2027 07:00 WIB: the H-1 schedule has run', () => {
    beforeAll(() => live.travelTo(wib('2027-04-04 07:00')), 120_000);

    it('issued no second invoice for 2027-05; the next issue is 2027-06 on Tue 4 May 06:00', async () => {
      for (const name of ['sukamaju1', 'sukamaju2', 'mekarjaya1']) {
        expect((await invoicesOf(subscriptions[name])).map((invoice) => invoice.period)).toEqual(['2027-05']);
        expect(await state(subscriptions[name])).toMatchObject({ nextPeriod: '2027-06', nextInvoiceAt: '2027-05-04T06:00:00+07:00' });
      }
    });
  });
});
