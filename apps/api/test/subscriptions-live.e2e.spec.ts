import request from 'supertest';
import { subscriptionWorkflowId, type SubscriptionWorkflowState, type TimelineEntry } from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { Customer, DEV_ADMIN_PASSWORD, InternetPackage, Invoice, InvoiceItem, NetworkActionLog, Subscription, Tenant } from '@lunas/persistence';
import { wib, type LiveTemporal } from '@lunas/testing';
import { randomUUID } from 'node:crypto';
import { SubscriptionsController } from '../src/subscriptions/subscriptions.controller';
import { WorkflowStarterRelay } from '../src/subscriptions/workflow-starter.relay';
import { startLiveTestApp } from './live-test-app';
import { bearer, type TestApp } from './test-app';
import { eventually } from './webhooks/payments-test-app';

/** How long a workflow may take to act on a call: a worker sharing two busy cores can need seconds per task. */
const SETTLE_MS = 30_000;
jest.setTimeout(120_000);

// The API's live-Temporal paths against the embedded Temporal server (time skipping) running the REAL subscription
// workflow in the real worker app, whose activities write to this test's database. Every subscription is on billing
// day 5 with "Paket 10 Mbps" (Rp 100.000 + PPN 11 % = Rp 111.000) under the default policy, created Thu 1 Apr 2027
// 10:00 WIB: the prepaid invoice of period 2027-05 (service 5 May – 4 June) is issued Sun 4 Apr 06:00 and falls due
// Mon 5 Apr (T+0); reminder 1 on Thu 8 Apr 09:00 (T+3), reminder 2 + Rp 10.000 late fee Mon 12 Apr 09:00 (T+7),
// warning T+14, suspension T+21; period 2027-06 is issued Tue 4 May 06:00. The tests follow that calendar: what is done on Fri 9 Apr is checked again later.
describe(`${SubscriptionsController.name} (live: embedded Temporal server, real workflow and worker)`, () => {
  let t: TestApp;
  let live: LiveTemporal;
  let admin: string;
  let sukamaju: Tenant;
  let mekarjaya: Tenant;
  let paket10: InternetPackage;
  let paket20: InternetPackage;
  /** Created through the API while Temporal was down. */
  let pending: string;
  const subscriptions: Record<string, string> = {};
  /** The proration `change-package now` answered on 9 Apr. */
  let prorationNet: number;
  const http = () => request(t.app.getHttpServer());
  const db = () => t.database.dataSource;

  const newCustomer = (tenant: Tenant, name: string) =>
    db().getRepository(Customer).save({ tenantId: tenant.id, code: `C-${randomUUID().slice(0, 8)}`, name, phone: '6281234567890', registerDate: '2027-01-01', whatsappConsent: true });
  const subscribe = async (tenant: Tenant, name: string, workflowStarted = true): Promise<string> => {
    const customer = await newCustomer(tenant, name);
    const response = await http().post('/api/v1/subscriptions').set('Authorization', admin).send({ customerId: customer.id, packageId: paket10.id, billingDay: 5 }).expect(201);
    expect(response.body.workflowStarted).toBe(workflowStarted);
    return response.body.id;
  };
  /** The live state the API reads from the workflow (`GET /subscriptions/:id`). */
  const state = async (id: string): Promise<SubscriptionWorkflowState> => {
    const response = await http().get(`/api/v1/subscriptions/${id}`).set('Authorization', admin).expect(200);
    expect(response.body.stateError).toBeUndefined();
    return response.body.state;
  };
  const act = (id: string, action: string, body: Record<string, unknown>) =>
    http().post(`/api/v1/subscriptions/${id}/actions/${action}`).set('Authorization', admin).send(body).expect(200);
  const kinds = (timeline: TimelineEntry[]) => timeline.map((entry) => entry.kind);
  const stageList = async (stage: string) =>
    (await http().get(`/api/v1/subscriptions?stage=${stage}&pageSize=100`).set('Authorization', admin).expect(200)).body.items.map((s: { id: string }) => s.id);
  const invoiceOf = (id: string, period: string) => db().getRepository(Invoice).findOneByOrFail({ subscriptionId: id, period });
  /** A kasir takes the whole first invoice in cash; the workflow learns it through the payment relay. */
  const payFirstInvoice = async (id: string) => {
    const invoice = await invoiceOf(id, '2027-05');
    await http().post(`/api/v1/invoices/${invoice.id}/payments`).set('Authorization', admin).send({ version: invoice.version, amount: invoice.total, method: 'cash' }).expect(201);
    await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'paid', balance: 0 }), SETTLE_MS);
  };

  beforeAll(async () => {
    const app = await startLiveTestApp();
    t = app.t;
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    sukamaju = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'WiFi Sukamaju' });
    mekarjaya = await db().getRepository(Tenant).findOneByOrFail({ businessName: 'Net Mekarjaya' });
    paket10 = await db().getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 10 Mbps' });
    paket20 = await db().getRepository(InternetPackage).findOneByOrFail({ name: 'Paket 20 Mbps' });
    // The test drives the starter relay by hand: its timer must not start the pending workflow first.
    t.app.get(WorkflowStarterRelay).onApplicationShutdown();
    pending = await subscribe(sukamaju, 'Andi Wijaya', false);
    expect((await http().get(`/api/v1/subscriptions/${pending}`).set('Authorization', admin).expect(200)).body.stateError).toMatch(/belum dimulai/);

    live = await app.startTemporal(wib('2027-04-01 10:00'));
    for (const name of ['pause', 'promise', 'suspend', 'void', 'waive', 'packageNow', 'packageNextCycle', 'cancelNow', 'cancelEndOfPeriod']) {
      subscriptions[name] = await subscribe(sukamaju, `Pelanggan ${name}`);
    }
    for (const name of ['policyA', 'policyB']) subscriptions[name] = await subscribe(mekarjaya, `Pelanggan ${name}`);
  }, 180_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  describe('Thu 1 Apr 2027 10:00 WIB', () => {
    it(`${WorkflowStarterRelay.name} starts the workflow of a subscription created while Temporal was down`, async () => {
      expect(await t.app.get(WorkflowStarterRelay).startPending()).toBe(1);

      const row = await db().getRepository(Subscription).findOneByOrFail({ id: pending });
      expect(row.workflowId).toBe(subscriptionWorkflowId(sukamaju.id, pending));
      await eventually(async () =>
        expect(await state(pending)).toMatchObject({ stage: 'waiting', nextPeriod: '2027-05', nextInvoiceAt: '2027-04-04T06:00:00+07:00', policyVersion: 1, cycle: 0 }),
      SETTLE_MS);
    });
  });

  describe('Fri 9 Apr 2027 10:00 WIB (T+4)', () => {
    beforeAll(() => live.travelTo(wib('2027-04-09 10:00')), 120_000);

    it('GET :id shows the live state: Rp 111.000 open, reminded, reminder 2 with the late fee next on Mon 12 Apr 09:00', async () => {
      const live = await state(pending);
      expect(live).toMatchObject({
        stage: 'reminded',
        suspended: false,
        balance: 111_000,
        currentInvoice: { period: '2027-05', dueDate: '2027-04-05', total: 111_000, balance: 111_000, status: 'unpaid', completedStepIds: ['invoice-issued', 'reminder-1'] },
        nextStep: { stepId: 'reminder-2', actions: ['notify', 'late_fee'], at: '2027-04-12T09:00:00+07:00' },
        nextPeriod: '2027-06',
      });
      expect(live.currentInvoice?.number).toBe((await invoiceOf(pending, '2027-05')).number);
    });

    it('GET :id/timeline returns the workflow timeline', async () => {
      const response = await http().get(`/api/v1/subscriptions/${pending}/timeline`).set('Authorization', admin).expect(200);
      expect(response.body.subscriptionId).toBe(pending);
      const entries: TimelineEntry[] = response.body.entries;
      const [simulated, billing] = [entries.filter((entry) => entry.kind === 'notification_simulated'), entries.filter((entry) => entry.kind !== 'notification_simulated')];
      expect(kinds(billing)).toEqual(['activation', 'invoice_issued', 'dunning_step', 'dunning_step']);
      expect(billing[0].message).toMatch(/^Aktif sejak .*; tanpa tagihan aktivasi \(pengaturan mitra\), tagihan pertama periode 2027-05 terbit 4 April 2027$/);
      expect(billing.slice(1).map((entry) => entry.at)).toEqual(['2027-04-04T06:00:00+07:00', '2027-04-05T09:00:00+07:00', '2027-04-08T09:00:00+07:00']);
      // The local stand-in only simulated the messages, and the timeline says so.
      expect(simulated.map((entry) => entry.message)).toEqual(
        ['invoice_issued', 'payment_reminder_1'].map((template) => `Pesan ${template} disimulasikan oleh local-notification: tidak terkirim ke pelanggan`),
      );
    });

    it('POST :id/preview plans the rest of the ladder under another policy and changes nothing', async () => {
      const later = { ...DEFAULT_DUNNING_POLICY, version: 7, steps: DEFAULT_DUNNING_POLICY.steps.map((step) => (step.dayOffset >= 7 ? { ...step, dayOffset: step.dayOffset + 3 } : step)) };
      const response = await http().post(`/api/v1/subscriptions/${pending}/preview`).set('Authorization', admin).send({ policy: later }).expect(200);
      expect(response.body).toEqual({
        policyVersion: 7,
        steps: [
          { stepId: 'reminder-2', stepIds: ['reminder-2'], actions: ['notify', 'late_fee'], at: '2027-04-15T09:00:00+07:00' },
          { stepId: 'suspend-warning', stepIds: ['suspend-warning'], actions: ['suspend_warning'], at: '2027-04-22T09:00:00+07:00' },
          { stepId: 'suspend', stepIds: ['suspend'], actions: ['suspend'], at: '2027-04-29T09:00:00+07:00' },
        ],
      });
      expect(await state(pending)).toMatchObject({ policyVersion: 1, nextStep: { stepId: 'reminder-2', at: '2027-04-12T09:00:00+07:00' } });
    });

    it('pause-dunning pauses the ladder; the stage filter finds it through Temporal visibility', async () => {
      const id = subscriptions['pause'];
      await act(id, 'pause-dunning', { reason: 'Pelanggan sedang dirawat di rumah sakit' });
      await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'paused', dunningPaused: true }), SETTLE_MS);
      expect((await state(id)).nextStep).toBeUndefined();
      await eventually(async () => expect(await stageList('paused')).toEqual([id]), SETTLE_MS);
    });

    it('promise-to-pay holds the ladder until the promised date', async () => {
      const id = subscriptions['promise'];
      const response = await act(id, 'promise-to-pay', { reason: 'Gajian tanggal 15', until: '2027-04-15' });
      const invoice = await invoiceOf(id, '2027-05');
      expect(response.body.result).toEqual({ invoiceId: invoice.id, until: '2027-04-16T00:00:00+07:00' });
      expect(await state(id)).toMatchObject({ stage: 'promised', promise: { invoiceId: invoice.id, until: '2027-04-16T00:00:00+07:00' } });
    });

    it('suspend isolates the customer now', async () => {
      const id = subscriptions['suspend'];
      await act(id, 'suspend', { reason: 'Permintaan pelanggan' });
      await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'suspended', suspended: true }), SETTLE_MS);
      expect(await db().getRepository(Subscription).findOneByOrFail({ id })).toMatchObject({ status: 'suspended' });
      expect(await db().getRepository(NetworkActionLog).findBy({ subscriptionId: id })).toEqual([expect.objectContaining({ action: 'suspend' })]);
      // The console's list shows the live state from visibility and the workflow, not a stored copy.
      await eventually(async () => {
        const listed = await http().get(`/api/v1/subscriptions?customerId=${(await db().getRepository(Subscription).findOneByOrFail({ id })).customerId}`).set('Authorization', admin).expect(200);
        expect(listed.body.items).toEqual([expect.objectContaining({ id, live: expect.objectContaining({ stage: 'suspended', suspended: true, amountDue: expect.any(Number) }) })]);
      }, SETTLE_MS);
    });

    it('void-invoice voids the current invoice: nothing owed, dunning on it stops', async () => {
      const id = subscriptions['void'];
      const invoice = await invoiceOf(id, '2027-05');
      await act(id, 'void-invoice', { reason: 'Salah tagih', invoiceId: invoice.id });
      await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'waiting', balance: 0, currentInvoice: { invoiceId: invoice.id, status: 'void', balance: 0 } }), SETTLE_MS);
      expect((await invoiceOf(id, '2027-05')).status).toBe('void');
    });

    it('change-package now moves to the new package at once, with the difference over the invoiced 2027-05 for the next invoice', async () => {
      const id = subscriptions['packageNow'];
      const response = await act(id, 'change-package', { reason: 'Upgrade', packageId: paket20.id, mode: 'now' });
      expect(response.body.result).toMatchObject({
        mode: 'now', fromPackageId: paket10.id, toPackageId: paket20.id, oldMonthlyAmount: 100_000, newMonthlyAmount: 150_000, appliesToPeriod: '2027-06',
        // 2027-04 in service was never invoiced; 2027-05 (31 days) was, at the old price: 150.000 − 100.000.
        proration: { effectiveDate: '2027-04-09', net: 50_000, periods: [{ period: '2027-05', remainingDays: 31, daysInPeriod: 31, net: 50_000 }] },
      });
      prorationNet = response.body.result.proration.net;
      expect(await state(id)).toMatchObject({ packageId: paket20.id });
      await payFirstInvoice(id);
    });

    it('change-package next_cycle keeps the package until the next period', async () => {
      const id = subscriptions['packageNextCycle'];
      const response = await act(id, 'change-package', { reason: 'Upgrade bulan depan', packageId: paket20.id, mode: 'next_cycle' });
      expect(response.body.result).toEqual({ mode: 'next_cycle', fromPackageId: paket10.id, toPackageId: paket20.id, oldMonthlyAmount: 100_000, newMonthlyAmount: 150_000, appliesToPeriod: '2027-06' });
      const now = await state(id);
      expect(now.packageId).toBe(paket10.id);
      expect(kinds(now.timeline)).toContain('package_change_scheduled');
      await payFirstInvoice(id);
    });

    it('cancel now ends the subscription and its workflow', async () => {
      const id = subscriptions['cancelNow'];
      await act(id, 'cancel', { reason: 'Pindah rumah', mode: 'now' });
      await eventually(async () => expect(await db().getRepository(Subscription).findOneByOrFail({ id })).toMatchObject({ status: 'cancelled' }), SETTLE_MS);
      const ended = await state(id);
      expect(ended).toMatchObject({ stage: 'cancelled', cancelled: true });
      expect(kinds(ended.timeline).slice(-2)).toEqual(['invoice_voided', 'cancelled']);
    });

    it('cancel end_of_period schedules the end for 5 May 00:00', async () => {
      const id = subscriptions['cancelEndOfPeriod'];
      await act(id, 'cancel', { reason: 'Berhenti bulan depan', mode: 'end_of_period' });
      await eventually(async () => expect(kinds((await state(id)).timeline)).toContain('cancel_requested'), SETTLE_MS);
      expect(await state(id)).toMatchObject({ cancelled: false, stage: 'reminded' });
    });

    it('publishing a dunning policy "now" reaches every running workflow of the tenant', async () => {
      const current = (await http().get(`/api/v1/dunning-policies?tenantId=${mekarjaya.id}`).set('Authorization', admin).expect(200)).body[0].body;
      const policy = { ...current, steps: current.steps.map((step: { dayOffset: number }) => (step.dayOffset >= 7 ? { ...step, dayOffset: step.dayOffset + 3 } : step)) };
      const response = await http().post('/api/v1/dunning-policies').set('Authorization', admin).send({ mode: 'now', policy, tenantId: mekarjaya.id }).expect(201);
      expect(response.body).toMatchObject({ version: 2, workflowsNotified: 2 });
      for (const id of [subscriptions['policyA'], subscriptions['policyB']]) {
        await eventually(async () =>
          expect(await state(id)).toMatchObject({ policyVersion: 2, nextStep: { stepId: 'reminder-2', at: '2027-04-15T09:00:00+07:00' } }),
        SETTLE_MS);
      }
      expect((await state(subscriptions['pause'])).policyVersion).toBe(1);
      await payFirstInvoice(subscriptions['policyA']);
    });

    it('publishing a dunning policy for the next cycle leaves the current one in force', async () => {
      const current = (await http().get(`/api/v1/dunning-policies?tenantId=${mekarjaya.id}`).set('Authorization', admin).expect(200)).body[0].body;
      const response = await http().post('/api/v1/dunning-policies').set('Authorization', admin).send({ mode: 'next_cycle', policy: current, tenantId: mekarjaya.id }).expect(201);
      expect(response.body).toMatchObject({ version: 3, workflowsNotified: 2 });
      await eventually(async () => expect(await state(subscriptions['policyA'])).toMatchObject({ policyVersion: 2, pendingPolicyVersion: 3 }), SETTLE_MS);
    });
  });

  describe('Tue 13 Apr 2027 10:00 WIB (T+8: reminder 2 and the late fee ran on Mon 12 Apr)', () => {
    beforeAll(() => live.travelTo(wib('2027-04-13 10:00')), 120_000);

    it('resume-dunning runs the step that came due while paused: the Rp 10.000 late fee', async () => {
      const id = subscriptions['pause'];
      expect(await state(id)).toMatchObject({ stage: 'paused', balance: 111_000 });
      await act(id, 'resume-dunning', { reason: 'Pelanggan sudah pulang' });
      await eventually(async () =>
        expect(await state(id)).toMatchObject({ stage: 'reminded', dunningPaused: false, balance: 121_000, currentInvoice: { lateFee: 10_000 } }),
      SETTLE_MS);
    });

    it('a promised invoice was not charged the late fee', async () => {
      expect(await state(subscriptions['promise'])).toMatchObject({ stage: 'promised', balance: 111_000, currentInvoice: { lateFee: 0 } });
    });

    it('waive-fee removes the late fee charged on T+7', async () => {
      const id = subscriptions['waive'];
      expect(await state(id)).toMatchObject({ balance: 121_000, currentInvoice: { lateFee: 10_000 } });
      await act(id, 'waive-fee', { reason: 'Gangguan jaringan minggu lalu' });
      await eventually(async () => expect(await state(id)).toMatchObject({ balance: 111_000, currentInvoice: { lateFee: 0, lateFeeSettled: true } }), SETTLE_MS);
      expect(await invoiceOf(id, '2027-05')).toMatchObject({ total: 111_000 });
    });

    it('unsuspend restores the service', async () => {
      const id = subscriptions['suspend'];
      await act(id, 'unsuspend', { reason: 'Pelanggan minta aktif lagi' });
      await eventually(async () => expect(await state(id)).toMatchObject({ suspended: false }), SETTLE_MS);
      expect(await db().getRepository(Subscription).findOneByOrFail({ id })).toMatchObject({ status: 'active' });
      const actions = await db().getRepository(NetworkActionLog).find({ where: { subscriptionId: id }, order: { createdAt: 'ASC' } });
      expect(actions.map((row) => row.action)).toEqual(['suspend', 'unsuspend']);
    });
  });

  describe('Wed 5 May 2027 10:00 WIB (period 2027-05 issued Tue 4 May 06:00)', () => {
    beforeAll(() => live.travelTo(wib('2027-05-05 10:00')), 180_000);

    it('the package changed for the next cycle bills Paket 20 Mbps: Rp 166.500', async () => {
      const id = subscriptions['packageNextCycle'];
      expect(await state(id)).toMatchObject({ packageId: paket20.id, currentInvoice: { period: '2027-06', total: 166_500 } });
      expect(await invoiceOf(id, '2027-06')).toMatchObject({ total: 166_500 });
    });

    it('the package changed now puts its proration on the 2027-06 invoice', async () => {
      const id = subscriptions['packageNow'];
      const invoice = await invoiceOf(id, '2027-06');
      const items = await db().getRepository(InvoiceItem).findBy({ invoiceId: invoice.id });
      expect(items.map((item) => [item.kind, item.kind === 'proration' ? item.amount : undefined]).sort()).toEqual([['package', undefined], ['proration', prorationNet]]);
      expect((await state(id)).currentInvoice).toMatchObject({ period: '2027-06', total: invoice.total });
    });

    it('the cancellation at the end of the period ended the subscription: no 2027-06 invoice, the unstarted 2027-05 voided', async () => {
      const id = subscriptions['cancelEndOfPeriod'];
      await eventually(async () => expect(await db().getRepository(Subscription).findOneByOrFail({ id })).toMatchObject({ status: 'cancelled' }), SETTLE_MS);
      const ended = await state(id);
      expect(ended).toMatchObject({ cancelled: true, stage: 'cancelled' });
      expect(kinds(ended.timeline)).toContain('invoice_skipped');
      expect(await db().getRepository(Invoice).countBy({ subscriptionId: id, period: '2027-06' })).toBe(0);
      expect(await invoiceOf(id, '2027-05')).toMatchObject({ status: 'void' });
    });

    it('the policy published for the next cycle is in force from the 2027-06 cycle', async () => {
      expect(await state(subscriptions['policyA'])).toMatchObject({ policyVersion: 3, currentInvoice: { period: '2027-06' } });
      expect((await state(subscriptions['policyA'])).pendingPolicyVersion).toBeUndefined();
    });
  });
});
