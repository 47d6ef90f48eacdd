import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Instant } from '@lunas/domain';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, startTimeSkippingServer, wib, wibText } from './support/harness';

// Billing day 5, package Rp 100.000 + PPN 11 % = Rp 111.000, default ladder at 09:00 WIB. Period 2027-05 falls due
// Monday 5 April 2027 (T+0) and is issued H-1, Sunday 4 April 06:00: T+3 Thu 8 Apr reminder 1, T+7 Mon 12 Apr
// reminder 2 + Rp 10.000 fee, T+14 Mon 19 Apr suspend warning, T+21 Mon 26 Apr isolir. The next period, 2027-06,
// is issued Tuesday 4 May 06:00.
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } };

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

  const start = async (startAt: Instant) => {
    scenario = await Scenario.start(env, bundle, { startAt, activities: billing.activities() });
  };
  /** Shuts the worker down, moves the calendar to `restartAt` with no worker running, starts a new worker. */
  const workerDownUntil = (restartAt: Instant) => scenario.withWorkerDown(() => scenario.travelTo(restartAt));
  /** Every outside effect as `<WIB minute> <kind> <template>`: the customer's and the network's calendar. */
  const calendar = () => billing.effects.map((effect) => `${wibText(effect.at)} ${effect.kind}${effect.template ? ` ${effect.template}` : ''}`);
  const timeline = async (...kinds: string[]) =>
    (await scenario.state()).timeline.filter((entry) => kinds.includes(entry.kind)).map((entry) => `${wibText(entry.at)} ${entry.message}`);
  const SKIPPED = 'dilewati karena layanan penagihan sempat berhenti';

  describe('catch-up after downtime', () => {
    it('after 26 days without a worker issues once, warns once with one fee, and isolates only a full week later', async () => {
      await start(wib('2027-03-31 10:00'));
      // Down from Wednesday 31 March 10:00 to Monday 26 April 10:00: the H-1 issue, T+0, T+3, T+7, T+14 and the T+21
      // isolir (09:00) all pass without a worker.
      await workerDownUntil(wib('2027-04-26 10:00'));
      await scenario.travelTo(wib('2027-04-26 10:05'));

      // At the restart: the invoice, its late fee and the warning as the only message; no isolir.
      let state = await scenario.state();
      expect(state).toMatchObject({ stage: 'warned', suspended: false, balance: 121_000 });
      expect(state.currentInvoice).toMatchObject({ period: '2027-05', dueDate: '2027-04-05', total: 111_000, lateFee: 10_000, balance: 121_000 });
      expect(billing.activityCalls.filter((name) => name === 'issueInvoice')).toHaveLength(1);
      expect(billing.invoiceFor('2027-05')?.lines.map((line) => `${line.kind} ${line.amount}`)).toEqual(['package 100000', 'late_fee 10000']);
      expect(calendar()).toEqual(['2027-04-26 10:00 notify suspend_warning']);
      expect(await timeline('catch_up', 'invoice_issued', 'reminder_skipped', 'late_fee', 'suspend_warning')).toEqual([
        '2027-04-26 10:00 Layanan penagihan sempat berhenti sejak 2027-04-04 06:00 WIB; penagihan direncanakan ulang mulai sekarang',
        '2027-04-26 10:00 Tagihan INV/2027/04/000001 periode 2027-05 terbit: Rp 111.000, jatuh tempo 2027-04-05',
        '2027-04-26 10:00 Denda Rp 10.000 ditambahkan',
        '2027-04-26 10:00 Peringatan isolir dikirim',
        `2027-04-26 10:00 Pengingat invoice_issued ${SKIPPED}`,
        `2027-04-26 10:00 Pengingat payment_reminder_1 ${SKIPPED}`,
        `2027-04-26 10:00 Pengingat payment_reminder_2 ${SKIPPED}`,
      ]);
      expect(state.nextStep?.stepId).toBe('suspend');
      expect(wibText(state.nextStep?.at ?? 0)).toBe('2027-05-03 10:00');

      // The warning's full seven days: still connected on Monday 3 May 09:59, isolated at 10:00.
      await scenario.travelTo(wib('2027-05-03 09:59'));
      expect((await scenario.state()).suspended).toBe(false);
      await scenario.travelTo(wib('2027-05-03 10:01'));
      state = await scenario.state();
      expect(state).toMatchObject({ stage: 'suspended', suspended: true, balance: 121_000 });
      expect(calendar()).toEqual([
        '2027-04-26 10:00 notify suspend_warning',
        '2027-05-03 10:00 suspend',
        '2027-05-03 10:00 notify suspended',
      ]);

      // Isolated at the next issue time: period 2027-06 is not billed, as after an isolir on its normal day.
      await scenario.travelTo(wib('2027-05-04 07:00'));
      expect(billing.invoiceFor('2027-06')).toBeUndefined();
      expect(billing.activityCalls.filter((name) => name === 'addLateFee')).toHaveLength(1);
    });

    it('re-plans an invoice open during the outage: the latest notice and one fee at the restart, isolir a week after the warning', async () => {
      await start(wib('2027-04-01 10:00'));
      await scenario.travelTo(wib('2027-04-06 10:00')); // T+1: issued, notice sent Monday 08:00
      expect(calendar()).toEqual(['2027-04-05 08:00 notify invoice_issued']);
      // Down from T+1 to Thursday 22 April 10:00 (T+17): reminders 1 and 2, the fee and the T+14 warning are missed.
      await workerDownUntil(wib('2027-04-22 10:00'));
      await scenario.travelTo(wib('2027-04-26 09:01')); // the planned T+21 isolir does not happen
      expect(await scenario.state()).toMatchObject({ stage: 'warned', suspended: false, balance: 121_000 });
      expect(await timeline('reminder_skipped')).toEqual([
        `2027-04-22 10:00 Pengingat payment_reminder_1 ${SKIPPED}`,
        `2027-04-22 10:00 Pengingat payment_reminder_2 ${SKIPPED}`,
      ]);

      await scenario.travelTo(wib('2027-04-29 10:01'));
      expect(await scenario.state()).toMatchObject({ stage: 'suspended', suspended: true, balance: 121_000 });
      expect(calendar()).toEqual([
        '2027-04-05 08:00 notify invoice_issued',
        '2027-04-22 10:00 notify suspend_warning',
        '2027-04-29 10:00 suspend',
        '2027-04-29 10:00 notify suspended',
      ]);
      expect(billing.invoiceFor('2027-05')?.lateFee).toBe(10_000);
    });

    it('after a clock jump across the issue time issues the missed invoice once at the restart and walks its ladder from there', async () => {
      await start(wib('2027-04-01 10:00'));
      // The clock jumps from Saturday 3 April 10:00 to Friday 9 April 10:00 (T+4): the H-1 issue, T+0 and T+3 pass.
      await scenario.travelTo(wib('2027-04-03 10:00'));
      await workerDownUntil(wib('2027-04-09 10:00'));
      await scenario.travelTo(wib('2027-04-09 10:05'));
      const issued = await scenario.state();
      expect(issued).toMatchObject({ stage: 'reminded', balance: 111_000 });
      expect(issued.currentInvoice).toMatchObject({ period: '2027-05', total: 111_000, lateFee: 0 });
      expect(billing.invoices.size).toBe(1);
      expect(billing.activityCalls.filter((name) => name === 'issueInvoice')).toHaveLength(1);
      // One message at the restart: reminder 1 with the pay link; the issue notice gives way to it.
      expect(calendar()).toEqual(['2027-04-09 10:00 notify payment_reminder_1']);
      expect(await timeline('reminder_skipped')).toEqual([`2027-04-09 10:00 Pengingat invoice_issued ${SKIPPED}`]);

      // The rest of the ladder on its days: reminder 2 + Rp 10.000 on T+7, warning T+14, isolir T+21.
      await scenario.travelTo(wib('2027-04-26 09:01'));
      expect(await scenario.state()).toMatchObject({ stage: 'suspended', suspended: true, balance: 121_000 });
      expect(calendar()).toEqual([
        '2027-04-09 10:00 notify payment_reminder_1',
        '2027-04-12 09:00 notify payment_reminder_2',
        '2027-04-19 09:00 notify suspend_warning',
        '2027-04-26 09:00 suspend',
        '2027-04-26 09:00 notify suspended',
      ]);
      expect(billing.invoices.size).toBe(1);
    });
  });
});
