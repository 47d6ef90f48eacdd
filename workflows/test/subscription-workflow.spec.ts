import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from '@lunas/domain';
import {
  applyPolicySignal,
  balanceReopenedSignal,
  cancelSubscriptionSignal,
  changePackageUpdate,
  paymentReceivedSignal,
  promiseToPayUpdate,
} from '@lunas/contracts';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, startTimeSkippingServer, wib, wibText } from './support/harness';

// The calendar of every scenario: billing day 5, package Rp 100.000 + PPN 11 % = Rp 111.000.
// Period 2027-05 (service 5 May – 4 June) falls due on Monday 5 April 2027 (T+0) and is issued H-1,
// Sunday 4 April 06:00 WIB. Default ladder at 09:00 WIB: T+3 Thu 8 Apr reminder 1, T+7 Mon 12 Apr
// reminder 2 + Rp 10.000 late fee, T+14 Mon 19 Apr suspend warning, T+21 Mon 26 Apr suspend.
const START = wib('2027-04-01 10:00');
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 }, 'pkg-20': { name: 'Paket 20 Mbps', monthlyAmount: 150_000 } };
const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };

describe(subscriptionWorkflow.name, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let billing: FakeBilling;
  let scenario: Scenario;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    env = await startTimeSkippingServer();
    billing = new FakeBilling(PACKAGES);
  });
  afterEach(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  const start = async (policy?: DunningPolicy) => {
    scenario = await Scenario.start(env, bundle, { startAt: START, activities: billing.activities(), policy });
  };
  const pay = (paymentId: string, amount: number) =>
    scenario.handle.signal(paymentReceivedSignal, { paymentId, invoiceId: 'inv-2027-05', amount, paidAt: Date.now(), source: 'gateway' });
  const sent = (template?: Parameters<FakeBilling['notifications']>[0]) =>
    billing.notifications(template).map((effect) => `${wibText(effect.at)} ${effect.template}`);

  describe('unpaid invoice', () => {
    it('issues Rp 111.000 on H-1, walks the ladder and suspends on T+21 at 09:00, not on T+20', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-25 23:59')); // T+20, last minute
      let state = await scenario.state();
      expect(state.suspended).toBe(false);
      expect(state.stage).toBe('warned');
      expect(state.currentInvoice).toMatchObject({ period: '2027-05', dueDate: '2027-04-05', total: 111_000, lateFee: 10_000, balance: 121_000 });
      expect(sent()).toEqual([
        '2027-04-05 08:00 invoice_issued', // issued Sunday 06:00; Sunday is outside the send window
        '2027-04-08 09:00 payment_reminder_1',
        '2027-04-12 09:00 payment_reminder_2',
        '2027-04-19 09:00 suspend_warning',
      ]);
      expect(billing.networkActions()).toEqual([]);

      await scenario.travelTo(wib('2027-04-26 09:01')); // T+21
      state = await scenario.state();
      expect(state).toMatchObject({ suspended: true, stage: 'suspended', balance: 121_000, overdueSince: wib('2027-04-06 00:00') });
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual(['2027-04-26 09:00 suspend']);
      expect(sent('suspended')).toEqual(['2027-04-26 09:00 suspended']);
      await scenario.recordHistory('unpaid-suspended');
    });
  });

  describe('payments', () => {
    it('stops dunning after a full payment on T+5: receipt, no reminder 2, no late fee', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-10 10:00')); // T+5
      await pay('pay-1', 111_000);
      await scenario.travelTo(wib('2027-05-03 12:00'));
      const state = await scenario.state();
      expect(state).toMatchObject({ stage: 'paid', balance: 0, suspended: false });
      expect(state.currentInvoice).toMatchObject({ lateFee: 0, status: 'paid' });
      expect(sent()).toEqual(['2027-04-05 08:00 invoice_issued', '2027-04-08 09:00 payment_reminder_1', '2027-04-10 10:00 payment_received']);
      expect(billing.invoiceFor('2027-05')?.lines.map((line) => line.kind)).toEqual(['package']);
    });

    it('unsuspends at once when the whole Rp 121.000 arrives on T+25, then sends receipt and notice', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-30 10:00')); // T+25, suspended since T+21
      expect((await scenario.state()).suspended).toBe(true);
      await pay('pay-1', 121_000);
      await scenario.travelTo(wib('2027-04-30 10:05'));
      expect(await scenario.state()).toMatchObject({ suspended: false, stage: 'paid', balance: 0 });
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual([
        '2027-04-26 09:00 suspend',
        '2027-04-30 10:00 unsuspend',
      ]);
      expect(sent().slice(-2)).toEqual(['2027-04-30 10:00 payment_received', '2027-04-30 10:00 unsuspended']);
    });

    it('applies a payment as a local activity: no activity task between the payment and the restore', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-30 10:00')); // suspended since T+21
      await pay('pay-1', 121_000);
      await scenario.travelTo(wib('2027-04-30 10:05'));
      expect(await scenario.state()).toMatchObject({ suspended: false, stage: 'paid' });
      const events = (await scenario.handle.fetchHistory()).events ?? [];
      const scheduled = events.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
      expect(scheduled).not.toContain('applyPayment');
      expect(scheduled).toContain('enforceNetwork');
    });

    it('restores the service without waiting for the receipt: both are scheduled together', async () => {
      const order: string[] = [];
      const activities = billing.activities();
      const [notify, enforceNetwork] = [activities.notify, activities.enforceNetwork];
      activities.notify = async (input) => {
        if (input.template !== 'payment_received') return notify(input);
        // A slow WhatsApp sender: the receipt takes a (real) second.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        order.push('receipt sent');
        return notify(input);
      };
      activities.enforceNetwork = async (input) => {
        order.push(`${input.action} started`);
        return enforceNetwork(input);
      };
      scenario = await Scenario.start(env, bundle, { startAt: START, activities });
      await scenario.travelTo(wib('2027-04-30 10:00')); // suspended since T+21
      await pay('pay-1', 121_000);
      await scenario.travelTo(wib('2027-04-30 10:05'));
      expect(await scenario.state()).toMatchObject({ suspended: false, stage: 'paid' });
      expect(order).toEqual(['suspend started', 'unsuspend started', 'receipt sent']);
    });

    it('continues on the balance after a partial payment on T+8 and unsuspends when the rest arrives on T+22', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-13 10:00')); // T+8: fee added on T+7, balance 121.000
      await pay('pay-1', 50_000);
      await scenario.travelTo(wib('2027-04-13 10:05'));
      expect(await scenario.state()).toMatchObject({ balance: 71_000, stage: 'reminded' });
      await scenario.travelTo(wib('2027-04-27 10:00')); // T+22: warned T+14, suspended T+21 on Rp 71.000
      expect(await scenario.state()).toMatchObject({ suspended: true, balance: 71_000 });
      await pay('pay-2', 71_000);
      await scenario.travelTo(wib('2027-04-27 10:05'));
      expect(await scenario.state()).toMatchObject({ suspended: false, balance: 0, stage: 'paid' });
      expect(sent('suspend_warning')).toEqual(['2027-04-19 09:00 suspend_warning']);
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual([
        '2027-04-26 09:00 suspend',
        '2027-04-27 10:00 unsuspend',
      ]);
      expect(sent('payment_received').map((entry) => entry.slice(0, 16))).toEqual(['2027-04-13 10:00', '2027-04-27 10:00']);
      await scenario.recordHistory('partial-then-rest');
    });

    it('resumes dunning after a chargeback on T+18 reopens the paid invoice: suspended on T+21, signal repeated changes nothing', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00')); // T+1
      await pay('pay-1', 111_000);
      await scenario.travelTo(wib('2027-04-23 10:00')); // T+18
      expect(await scenario.state()).toMatchObject({ stage: 'paid', balance: 0 });
      const chargeback = { eventId: 'cb-1', invoiceId: 'inv-2027-05', balance: billing.reverse('inv-2027-05', 111_000), reason: 'chargeback' as const };
      await scenario.handle.signal(balanceReopenedSignal, chargeback);
      await scenario.handle.signal(balanceReopenedSignal, chargeback);
      await scenario.travelTo(wib('2027-04-23 10:05'));
      const reopened = await scenario.state();
      // The ladder picks up what is due by T+18: reminder 2 with the Rp 10.000 fee, and the warning.
      expect(reopened).toMatchObject({ balance: 121_000, suspended: false, stage: 'warned' });
      expect(reopened.timeline.filter((entry) => entry.kind === 'balance_reopened')).toHaveLength(1);
      await scenario.travelTo(wib('2027-04-26 09:01')); // T+21
      expect(await scenario.state()).toMatchObject({ suspended: true, stage: 'suspended' });
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual(['2027-04-26 09:00 suspend']);
    });

    it('applies a payment signalled three times once', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-10 10:00'));
      await pay('pay-dup', 111_000);
      await pay('pay-dup', 111_000);
      await pay('pay-dup', 111_000);
      await scenario.travelTo(wib('2027-04-10 11:00'));
      expect(billing.payments.size).toBe(1);
      expect(billing.activityCalls.filter((name) => name === 'applyPayment')).toHaveLength(1);
      expect(sent('payment_received')).toEqual(['2027-04-10 10:00 payment_received']);
      expect((await scenario.state()).balance).toBe(0);
    });

    it('keeps an overpayment as credit and uses it on the next invoice', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00'));
      await pay('pay-1', 150_000); // 39.000 more than the Rp 111.000 due
      await scenario.travelTo(wib('2027-05-04 07:00')); // period 2027-06 issued 4 May 06:00
      const state = await scenario.state();
      expect(state.currentInvoice).toMatchObject({ period: '2027-06', total: 111_000, balance: 72_000 });
      expect(state.credit).toBe(0);
    });
  });

  describe('promise to pay', () => {
    it('holds the T+14 warning for a promise made on T+13 to T+18 and kept on T+17', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-18 10:00')); // T+13
      const accepted = await scenario.request(promiseToPayUpdate, { until: '2027-04-23', actor, reason: 'Gajian tanggal 22' });
      expect(accepted).toEqual({ status: 'accepted', result: { invoiceId: 'inv-2027-05', until: wib('2027-04-24 00:00') } });
      expect((await scenario.state()).stage).toBe('promised');
      await scenario.travelTo(wib('2027-04-22 15:00')); // T+17
      await pay('pay-1', 121_000);
      await scenario.travelTo(wib('2027-04-30 00:00'));
      expect(sent('suspend_warning')).toEqual([]);
      expect(billing.networkActions()).toEqual([]);
      expect(await scenario.state()).toMatchObject({ stage: 'paid', balance: 0 });
    });

    it('resumes with the held warning when the promise breaks and suspends on the next due step, T+21', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-18 10:00'));
      await scenario.request(promiseToPayUpdate, { until: '2027-04-23', actor, reason: 'Janji' });
      await scenario.travelTo(wib('2027-04-25 23:00'));
      // Expired 24 Apr 00:00 (Saturday): the held T+14 warning goes out at the 08:00 opening, once.
      expect(sent('suspend_warning')).toEqual(['2027-04-24 08:00 suspend_warning']);
      expect((await scenario.state()).suspended).toBe(false);
      await scenario.travelTo(wib('2027-04-26 09:01'));
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual(['2027-04-26 09:00 suspend']);
      expect(sent('payment_reminder_2')).toHaveLength(1);
      await scenario.recordHistory('promise-broken');
    });

    it('refuses a promise beyond the policy limit of 7 days with a message in Bahasa Indonesia', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-18 10:00'));
      expect(await scenario.request(promiseToPayUpdate, { until: '2027-04-26', actor, reason: 'Terlalu jauh' })).toEqual({
        status: 'rejected',
        code: 'PROMISE_DATE_TOO_FAR',
        message: 'Tanggal janji bayar melebihi batas 7 hari (paling lambat 2027-04-25)',
      });
      expect((await scenario.state()).promise).toBeUndefined();
    });
  });

  describe('operator actions', () => {
    it('changes the package mid-period: prorates only the invoiced May in full (April was never invoiced), June bills the new price', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00'));
      await pay('pay-1', 111_000);
      // Period 2027-04 (5 Apr – 4 May) is in service but was not invoiced by this subscription: its first invoice is
      // 2027-05 (5 May – 4 June, 31 days), billed at the old price on 4 April and not begun yet.
      await scenario.travelTo(wib('2027-04-20 10:00'));
      const answer = await scenario.request(changePackageUpdate, { packageId: 'pkg-20', mode: 'now', actor, reason: 'Naik paket' });
      expect(answer.status === 'accepted' && answer.result).toMatchObject({
        oldMonthlyAmount: 100_000,
        newMonthlyAmount: 150_000,
        proration: {
          effectiveDate: '2027-04-20',
          net: 50_000,
          periods: [{ period: '2027-05', from: '2027-05-05', daysInPeriod: 31, remainingDays: 31, credit: 100_000, charge: 150_000, net: 50_000 }],
        },
        appliesToPeriod: '2027-06',
      });
      expect((await scenario.state()).timeline.at(-1)?.message).toBe(
        'Ganti paket Paket 10 Mbps → Paket 20 Mbps sekarang: prorata Rp 50.000 (periode 2027-05 31/31 hari: Rp 50.000); ' +
          'tagihan periode 2027-06 memakai harga baru Rp 150.000',
      );
      await scenario.travelTo(wib('2027-05-04 07:00'));
      // 150.000 + 50.000 proration = 200.000; PPN 11 % = 22.000; total 222.000.
      expect(billing.invoiceFor('2027-06')).toMatchObject({ total: 222_000 });
      expect(billing.invoiceFor('2027-06')?.lines.map((line) => [line.description, line.amount])).toEqual([
        ['Paket 20 Mbps (2027-06)', 150_000],
        ['Prorata ganti paket Paket 10 Mbps → Paket 20 Mbps (31/31 hari, periode 2027-05)', 50_000],
      ]);
      expect((await scenario.state()).cycle).toBe(1);
    });

    it('prorates the rest of the period in service once it was invoiced too: 2027-05 16/31 days and 2027-06 in full', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00'));
      await pay('pay-1', 111_000);
      await scenario.travelTo(wib('2027-05-06 10:00'));
      await scenario.handle.signal(paymentReceivedSignal, { paymentId: 'pay-2', invoiceId: 'inv-2027-06', amount: 111_000, paidAt: Date.now(), source: 'gateway' });
      await scenario.travelTo(wib('2027-05-20 10:00')); // 2027-05 (5 May – 4 June) and 2027-06 (issued 4 May) invoiced
      const answer = await scenario.request(changePackageUpdate, { packageId: 'pkg-20', mode: 'now', actor, reason: 'Naik paket' });
      // 2027-05 from 20 May through 4 June, 16 of 31 days: 150.000×16/31 − 100.000×16/31 = 77.419 − 51.613 = 25.806.
      expect(answer.status === 'accepted' && answer.result.proration?.periods.map((p) => [p.period, p.remainingDays, p.net])).toEqual([
        ['2027-05', 16, 25_806],
        ['2027-06', 30, 50_000],
      ]);
      await scenario.travelTo(wib('2027-06-04 07:00'));
      // 150.000 + 25.806 + 50.000 = 225.806; PPN 11 % = 24.838,66 → 24.838; total 250.644.
      expect(billing.invoiceFor('2027-07')).toMatchObject({ total: 250_644 });
    });

    it('changes the package before the first invoice without proration: the first invoice bills the new price', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-02 10:00'));
      const answer = await scenario.request(changePackageUpdate, { packageId: 'pkg-20', mode: 'now', actor, reason: 'Salah pilih paket' });
      expect(answer.status === 'accepted' && answer.result.proration).toEqual({ effectiveDate: '2027-04-02', net: 0, periods: [] });
      expect((await scenario.state()).timeline.at(-1)?.message).toBe(
        'Ganti paket Paket 10 Mbps → Paket 20 Mbps sekarang: tanpa prorata (belum ada periode tertagih sejak hari ini); ' +
          'tagihan periode 2027-05 memakai harga baru Rp 150.000',
      );
      await scenario.travelTo(wib('2027-04-04 07:00'));
      expect(billing.invoiceFor('2027-05')?.lines.map((line) => line.amount)).toEqual([150_000]);
      expect(billing.invoiceFor('2027-05')).toMatchObject({ total: 166_500 });
    });

    it('cancels at the end of the service period: no new invoice, service ends 5 May 00:00', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00'));
      await pay('pay-1', 111_000);
      await scenario.travelTo(wib('2027-04-20 10:00'));
      await scenario.handle.signal(cancelSubscriptionSignal, { mode: 'end_of_period', actor, reason: 'Pindah rumah' });
      await scenario.travelTo(wib('2027-05-05 00:01'));
      const result = await scenario.handle.result();
      expect(wibText(result.cancelledAt)).toBe('2027-05-05 00:00');
      expect(billing.invoiceFor('2027-06')).toBeUndefined();
      expect(billing.cancelled).toEqual(['sub-1']);
      expect(billing.audits.map((entry) => entry.action)).toEqual(['subscription.cancel']);
    });

    it('applies a new policy mid-flight from now: past steps are not re-run, the new ladder continues', async () => {
      const faster: DunningPolicy = {
        ...DEFAULT_DUNNING_POLICY,
        id: 'fast',
        version: 2,
        steps: [
          { id: 'reminder-1', dayOffset: 3, actions: [{ type: 'notify', template: 'payment_reminder_1' }] },
          { id: 'fee', dayOffset: 6, actions: [{ type: 'notify', template: 'payment_reminder_2' }, { type: 'late_fee', fee: { kind: 'percent', basisPoints: 200 } }] },
          { id: 'cut', dayOffset: 10, actions: [{ type: 'suspend' }] },
        ],
      };
      await start();
      await scenario.travelTo(wib('2027-04-10 10:00')); // T+5
      await scenario.handle.signal(applyPolicySignal, { policy: faster, mode: 'now', actor });
      await scenario.travelTo(wib('2027-04-15 10:00')); // T+10
      const state = await scenario.state();
      expect(state).toMatchObject({ policyVersion: 2, suspended: true, balance: 113_220 }); // 2 % of 111.000 = 2.220
      expect(sent('payment_reminder_1')).toHaveLength(1);
      // T+6 is Sunday 11 April: the fee step waits for Monday's 08:00 opening and charges 2 % then.
      expect(sent('payment_reminder_2')).toEqual(['2027-04-12 08:00 payment_reminder_2']);
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual(['2027-04-15 09:00 suspend']);
    });
  });

  describe('policy versions', () => {
    // Version 2 reminds on T+1 and cuts on T+10; version 1 (the default) reminds on T+3 and T+7. The next
    // invoice, period 2027-06, is issued Tuesday 4 May 06:00 and falls due Wednesday 5 May 2027.
    const version2: DunningPolicy = {
      ...DEFAULT_DUNNING_POLICY,
      id: 'quick',
      version: 2,
      steps: [
        { id: 'early', dayOffset: 1, actions: [{ type: 'notify', template: 'payment_reminder_1' }] },
        { id: 'cut', dayOffset: 10, actions: [{ type: 'suspend' }] },
      ],
    };
    const policyEntries = async () =>
      (await scenario.state()).timeline.filter((entry) => entry.kind === 'policy_changed').map((entry) => `${wibText(entry.at)} ${entry.trigger} ${entry.message}`);

    it('adopts at the next cycle a version published while its worker was down, without any signal', async () => {
      billing.activePolicy = DEFAULT_DUNNING_POLICY;
      await start();
      await scenario.travelTo(wib('2027-04-06 10:00'));
      await pay('pay-1', 111_000);
      await scenario.withWorkerDown(() => {
        billing.activePolicy = version2; // published; the API's signal never reaches the workflow
      });
      await scenario.travelTo(wib('2027-04-20 10:00'));
      expect(await scenario.state()).toMatchObject({ policyVersion: 1, cycle: 0 });

      await scenario.travelTo(wib('2027-05-04 06:01')); // the next issue time: the tenant's version 2 comes with the invoice
      expect(await scenario.state()).toMatchObject({ policyVersion: 2, cycle: 1, currentInvoice: { period: '2027-06', dueDate: '2027-05-05' } });
      expect(await policyEntries()).toEqual(['2027-05-04 06:00 system Kebijakan penagihan versi 2 (versi aktif mitra) berlaku mulai siklus ini']);

      await scenario.travelTo(wib('2027-05-15 10:00')); // T+10
      expect(sent('payment_reminder_1')).toEqual(['2027-05-06 09:00 payment_reminder_1']); // T+1, not T+3
      expect(sent('payment_reminder_2')).toEqual([]);
      expect(billing.networkActions().map((effect) => `${wibText(effect.at)} ${effect.kind}`)).toEqual(['2027-05-15 09:00 suspend']);
      expect(await policyEntries()).toHaveLength(1); // the same version is not adopted twice
    });

    it('keeps the running version for the current invoice after a next_cycle signal and adopts the new one at the next issue', async () => {
      await start();
      await scenario.travelTo(wib('2027-04-10 10:00')); // T+5
      await scenario.handle.signal(applyPolicySignal, { policy: version2, mode: 'next_cycle', actor });
      expect(await scenario.state()).toMatchObject({ policyVersion: 1, pendingPolicyVersion: 2 });

      await scenario.travelTo(wib('2027-04-20 10:00')); // T+15: still version 1's ladder, no cut on T+10
      expect(sent('payment_reminder_2')).toEqual(['2027-04-12 09:00 payment_reminder_2']);
      expect(billing.networkActions()).toEqual([]);
      await pay('pay-1', 121_000);

      await scenario.travelTo(wib('2027-05-07 10:00')); // the 2027-06 invoice under version 2: reminder on T+1
      const state = await scenario.state();
      expect(state).toMatchObject({ policyVersion: 2, cycle: 1, currentInvoice: { period: '2027-06' } });
      expect(state.pendingPolicyVersion).toBeUndefined();
      expect(sent('payment_reminder_1')).toEqual(['2027-04-08 09:00 payment_reminder_1', '2027-05-06 09:00 payment_reminder_1']);
      expect(await policyEntries()).toEqual(['2027-04-10 10:00 operator Kebijakan penagihan versi 2 berlaku mulai siklus berikutnya']);
    });
  });

  describe('send window', () => {
    it('sends a step due at 02:00 at the 08:00 opening', async () => {
      const early: DunningPolicy = {
        ...DEFAULT_DUNNING_POLICY,
        steps: [{ id: 'reminder-1', dayOffset: 3, time: '02:00', actions: [{ type: 'notify', template: 'payment_reminder_1' }] }],
      };
      await start(early);
      await scenario.travelTo(wib('2027-04-08 12:00'));
      expect(sent('payment_reminder_1')).toEqual(['2027-04-08 08:00 payment_reminder_1']);
    });
  });
});
