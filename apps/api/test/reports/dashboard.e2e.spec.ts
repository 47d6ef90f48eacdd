import request from 'supertest';
import { DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, SEED_MITRAS, Subscription, Tenant } from '@lunas/persistence';
import { In } from 'typeorm';
import { DashboardController } from '../../src/reports/dashboard.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { seedFinanceCalendar, type FinanceCalendar } from './finance-calendar';

// As of Friday 20 November 2026: the period is 1–20 November, compared with 1–20 October (see finance-calendar.ts).
describe(DashboardController.name, () => {
  let t: TestApp<FinanceCalendar>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const summaryOf = async (query: string, auth = admin) => (await http().get(`/api/v1/dashboard?asOf=2026-11-20${query}`).set('Authorization', auth).expect(200)).body;
  const kpis = (body: { kpis: Array<{ key: string; value: number; previous: number; change: number }> }) =>
    Object.fromEntries(body.kpis.map((k) => [k.key, [k.value, k.previous, k.change]]));

  beforeAll(async () => {
    t = await startTestApp<FinanceCalendar>({ prepare: (dataSource) => seedFinanceCalendar(dataSource.manager) });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('summary', () => {
    it("computes every KPI of mitra A and its change against 1–20 October, by hand", async () => {
      const body = await summaryOf(`&tenantId=${t.fixture.mitraA.id}`);
      expect(body).toMatchObject({ tenantId: t.fixture.mitraA.id, from: '2026-11-01', to: '2026-11-20', previousFrom: '2026-10-01', previousTo: '2026-10-20' });
      expect(kpis(body)).toEqual({
        // November: I1 + I2 (+ late fee 10.000) + I3 + I4 = 4 × 166.500 + 10.000; October: I6 + I7 (+ 10.000); I8 is void.
        billed: [676_000, 343_000, 333_000],
        // P1 166.500 (11-04) + P2 66.500 (11-20); October: P3 166.500 (P4 on 10-25 is after the 20th).
        collected: [233_000, 166_500, 66_500],
        // 233.000 / 676.000 = 34,47 %; 166.500 / 343.000 = 48,54 %.
        collectionRate: [34.5, 48.5, -14],
        // End of 11-20: I2 176.500 + I3 100.000 + I4 166.500 + I5 176.500. End of 10-20: I5 176.500 + I7 176.500 + I8 166.500.
        outstanding: [619_500, 519_500, 100_000],
        // I4 is not due until 11-25; in October all three were past due.
        overdue: [453_000, 519_500, -66_500],
        // 619.500 / 676.000 × 20 days = 18,33; 519.500 / 343.000 × 20 = 30,29.
        dso: [18.3, 30.3, -12],
        // c1, c3 (manual suspension lifted 11-17), c4, c6 (started 11-10); October: c1–c4.
        activeSubscriptions: [4, 4, 0],
        // c5 since 10-01, c2 since 11-19.
        suspendedSubscriptions: [2, 1, 1],
        // P2 on 11-20; none on 11-19.
        paymentsToday: [1, 0, 1],
        // 11-20: receipt sent + receipt simulated; 11-19: one receipt.
        messagesSentToday: [2, 1, 1],
        messagesFailedToday: [1, 0, 1],
      });
      for (const kpi of body.kpis) expect(kpi.link).toMatch(/^\//);
    });

    it('puts each open balance of 20 November in its aging bucket by days past due', async () => {
      const body = await summaryOf(`&tenantId=${t.fixture.mitraA.id}`);
      expect(body.aging.map((b: { bucket: string; invoices: number; amount: number }) => [b.bucket, b.invoices, b.amount])).toEqual([
        ['current', 1, 166_500], // I4, due 11-25
        ['d1_7', 1, 100_000], // I3, due 11-18: 2 days
        ['d8_14', 0, 0],
        ['d15_30', 1, 176_500], // I2, due 11-05: 15 days
        ['d31_60', 0, 0],
        ['d61_plus', 1, 176_500], // I5, due 09-05: 25 + 31 + 20 = 76 days
      ]);
    });

    it('measures recovery per dunning step over the invoices issued in November', async () => {
      const body = await summaryOf(`&tenantId=${t.fixture.mitraA.id}`);
      expect(body.recoveryByStep.map((s: { step: string; reached: number; recovered: number; recoveryRate: number }) => [s.step, s.reached, s.recovered, s.recoveryRate])).toEqual([
        // I1–I4 got the issue notice (I4's failed to send: the step was still reached); I1 was paid only after reminder 1.
        ['invoice_issued', 4, 0, 0],
        // I1 and I2 got reminder 1; I1 was paid (11-04) before any later step.
        ['payment_reminder_1', 2, 1, 50],
        ['payment_reminder_2', 1, 0, 0],
        ['suspend_warning', 0, 0, 0],
        // I2's scheduled suspension on 11-19; c3's manual one is not a dunning step.
        ['suspend', 1, 0, 0],
      ]);
    });

    it('charts billed vs collected for 12 months and the payment methods of the period', async () => {
      const body = await summaryOf(`&tenantId=${t.fixture.mitraA.id}`);
      expect(body.billedVsCollected).toHaveLength(12);
      const figures = (rows: Array<{ month: string; billed: number; collected: number }>) => rows.map(({ month, billed, collected }) => ({ month, billed, collected }));
      expect(figures(body.billedVsCollected.slice(0, 1))).toEqual([{ month: '2025-12', billed: 0, collected: 0 }]);
      expect(figures(body.billedVsCollected.slice(-3))).toEqual([
        { month: '2026-09', billed: 176_500, collected: 0 },
        { month: '2026-10', billed: 343_000, collected: 343_000 },
        { month: '2026-11', billed: 676_000, collected: 233_000 },
      ]);
      expect(body.paymentMethods.map((p: { method: string; payments: number; amount: number }) => [p.method, p.payments, p.amount])).toEqual([
        ['qris', 1, 166_500],
        ['va', 1, 66_500],
      ]);
    });

    it('sums every mitra for the superadmin and keeps a mitra to its own figures whatever it asks for', async () => {
      const all = kpis(await summaryOf(''));
      expect(all['billed'][0]).toBe(676_000 + 200_000);
      expect(all['outstanding'][0]).toBe(619_500 + 200_000);

      const mitraTenant = await t.database.dataSource.manager.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
      const mitra = await bearer(t, SEED_MITRAS[0].username, DEV_MITRA_PASSWORD);
      const own = await summaryOf(`&tenantId=${t.fixture.mitraA.id}`, mitra);
      expect(own.tenantId).toBe(mitraTenant.id);
      expect(kpis(own)['billed'][0]).toBe(0);
    });

    it('compares a chosen period with as many days just before it', async () => {
      const body = (await http().get(`/api/v1/dashboard?from=2026-11-01&to=2026-11-20&tenantId=${t.fixture.mitraA.id}`).set('Authorization', admin).expect(200)).body;
      expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-20', previousFrom: '2026-10-12', previousTo: '2026-10-31' });
      const figures = kpis(body);
      // 12–31 October: nothing issued (I7 on 10-03, I8 on 10-10); P4 176.500 on 10-25 collected.
      expect(figures['billed']).toEqual([676_000, 0, 676_000]);
      expect(figures['collected']).toEqual([233_000, 176_500, 56_500]);
      const oneDay = (await http().get(`/api/v1/dashboard?from=2026-11-20&to=2026-11-20&tenantId=${t.fixture.mitraA.id}`).set('Authorization', admin).expect(200)).body;
      expect(oneDay).toMatchObject({ previousFrom: '2026-11-19', previousTo: '2026-11-19' });
      expect(kpis(oneDay)['collected']).toEqual([66_500, 0, 66_500]);
      expect(oneDay.kpis.find((k: { key: string }) => k.key === 'paymentsToday').label).toBe('Pembayaran pada 2026-11-20');
    });

    it('refuses a half or reversed period with 400', async () => {
      const half = await http().get('/api/v1/dashboard?from=2026-11-01').set('Authorization', admin).expect(400);
      expect(half.body.detail).toBe('Parameter "from" dan "to" harus diisi bersama.');
      const reversed = await http().get('/api/v1/dashboard?from=2026-11-20&to=2026-11-01').set('Authorization', admin).expect(400);
      expect(reversed.body.detail).toBe('Tanggal mulai harus sebelum atau sama dengan tanggal akhir.');
    });

    it('links every figure to a list that, read on the server with those filters, holds exactly what the figure counts', async () => {
      const { mitraA, subs } = t.fixture;
      const body = await summaryOf(`&tenantId=${mitraA.id}`);
      const customerOf = new Map(Object.entries(subs).map(([name, f]) => [f.customer.id, name]));
      const API: Record<string, string> = { '/tagihan': '/api/v1/invoices', '/pembayaran': '/api/v1/payments', '/langganan': '/api/v1/subscriptions', '/whatsapp': '/api/v1/messaging/log' };
      const follow = async (link: string) => {
        const [path, query] = link.split('?');
        expect(new URLSearchParams(query).get('tenantId')).toBe(mitraA.id);
        const response = (await http().get(`${API[path]}?${query}${path === '/whatsapp' ? '' : '&pageSize=100'}`).set('Authorization', admin).expect(200)).body;
        return (Array.isArray(response) ? response : response.items) as Array<Record<string, unknown>>;
      };
      const customers = async (link: string) => (await follow(link)).map((row) => customerOf.get(row['customerId'] as string)).sort();
      const amounts = async (link: string) => (await follow(link)).map((row) => row['amount']).sort();
      const kpi = (key: string) => body.kpis.find((k: { key: string }) => k.key === key).link as string;

      expect(await customers(kpi('billed'))).toEqual(['c1', 'c2', 'c3', 'c4']);
      expect(await amounts(kpi('collected'))).toEqual([166_500, 66_500].sort());
      expect(await customers(kpi('outstanding'))).toEqual(['c2', 'c3', 'c4', 'c5']);
      expect(await customers(kpi('overdue'))).toEqual(['c2', 'c3', 'c5']);
      // Without a day: still owing today (nothing of the calendar was paid or voided after 20 November).
      expect(await customers(`/tagihan?open=true&tenantId=${mitraA.id}`)).toEqual(['c2', 'c3', 'c4', 'c5']);
      expect(await amounts(kpi('paymentsToday'))).toEqual([66_500]);
      expect((await follow(kpi('messagesSentToday'))).length).toBe(2);
      expect((await follow(kpi('messagesFailedToday'))).map((row) => row['status'])).toEqual(['failed']);
      // The subscription list shows the current status, which the workflow keeps equal to the network's last action.
      await t.database.dataSource.manager.update(Subscription, { id: In([subs.c2.subscription.id, subs.c5.subscription.id]) }, { status: 'suspended' });
      expect((await follow(kpi('suspendedSubscriptions'))).map((row) => customerOf.get((row['customer'] as { id: string }).id)).sort()).toEqual(['c2', 'c5']);

      const aging = Object.fromEntries(await Promise.all(body.aging.map(async (b: { bucket: string; link: string }) => [b.bucket, await customers(b.link)])));
      expect(aging).toEqual({ current: ['c4'], d1_7: ['c3'], d8_14: [], d15_30: ['c2'], d31_60: [], d61_plus: ['c5'] });
      const steps = Object.fromEntries(await Promise.all(body.recoveryByStep.map(async (s: { step: string; link: string }) => [s.step, await customers(s.link)])));
      expect(steps).toEqual({ invoice_issued: ['c1', 'c2', 'c3', 'c4'], payment_reminder_1: ['c1', 'c2'], payment_reminder_2: ['c2'], suspend_warning: [], suspend: ['c2'] });
      const methods = Object.fromEntries(await Promise.all(body.paymentMethods.map(async (p: { method: string; link: string }) => [p.method, await amounts(p.link)])));
      expect(methods).toEqual({ qris: [166_500], va: [66_500] });
      const october = body.billedVsCollected.find((m: { month: string }) => m.month === '2026-10');
      expect(await customers(october.billedLink)).toEqual(['c1', 'c2', 'c3']);
      expect(await amounts(october.collectedLink)).toEqual([166_500, 176_500]);
    });

    it('refuses an unknown aging bucket, dunning step or day on the invoice list with 400 naming the field', async () => {
      const bucket = await http().get('/api/v1/invoices?aging=d90').set('Authorization', admin).expect(400);
      expect(bucket.body.errors).toEqual([{ field: 'aging', message: 'Kolom "aging" berisi nilai yang tidak diizinkan' }]);
      const step = await http().get('/api/v1/invoices?step=telepon&asOf=2026-13-01').set('Authorization', admin).expect(400);
      expect(step.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'step']);
    });

    it('refuses a bad date with 400 and a caller without a token with 401', async () => {
      const bad = await http().get('/api/v1/dashboard?asOf=2026-02-30').set('Authorization', admin).expect(400);
      expect(bad.body.detail).toContain('asOf');
      await http().get('/api/v1/dashboard').expect(401);
    });
  });
});
