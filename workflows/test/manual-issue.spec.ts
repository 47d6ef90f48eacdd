import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { cancelSubscriptionSignal, issueNextInvoiceNowUpdate, type ManualIssueOutcome, paymentReceivedSignal, suspendNowSignal } from '@lunas/contracts';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, startTimeSkippingServer, wib, wibText } from './support/harness';

// Billing day 5, package Rp 100.000 + PPN 11 % = Rp 111.000, subscription started Thu 1 Apr 2027 10:00 WIB.
// Period 2027-05 (service 5 May – 4 June) falls due Mon 5 Apr and is issued by the schedule Sun 4 Apr 06:00 WIB;
// period 2027-06 falls due Wed 5 May and is issued Tue 4 May 06:00 WIB. An operator's manual issue of the next
// period must never make a second invoice for one period, and must not move the following issue.
const START = wib('2027-04-01 10:00');
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } };
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
    scenario = await Scenario.start(env, bundle, { startAt: START, activities: billing.activities() });
  });
  afterEach(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  const issueNow = async (period?: string): Promise<ManualIssueOutcome> => {
    const answer = await scenario.request(issueNextInvoiceNowUpdate, { actor, ...(period ? { period } : {}) });
    if (answer.status !== 'accepted') throw new Error(`refused: ${answer.message}`);
    return answer.result;
  };
  const periods = () => [...billing.invoices.values()].map((invoice) => invoice.period).sort();
  const issuedEntries = async () =>
    (await scenario.state()).timeline
      .filter((entry) => entry.kind === 'invoice_issued')
      .map((entry) => `${wibText(entry.at)} ${entry.trigger}${entry.actor ? ` ${entry.actor.userId}` : ''}`);
  const pay = (invoiceId: string) =>
    scenario.handle.signal(paymentReceivedSignal, { paymentId: `pay-${invoiceId}`, invoiceId, amount: 111_000, paidAt: Date.now(), source: 'kasir' });

  describe('issueNextInvoiceNow', () => {
    it('issues period 2027-05 on Fri 2 Apr; the schedule on Sun 4 Apr 06:00 issues nothing more, 2027-06 comes on Tue 4 May 06:00', async () => {
      await scenario.travelTo(wib('2027-04-02 10:00'));
      const outcome = await issueNow();

      expect(outcome).toEqual({ status: 'issued', period: '2027-05', invoiceNumber: billing.invoiceFor('2027-05')?.number, total: 111_000 });
      let state = await scenario.state();
      expect(state.currentInvoice).toMatchObject({ period: '2027-05', dueDate: '2027-04-05', total: 111_000, balance: 111_000, status: 'unpaid' });
      expect(state).toMatchObject({ stage: 'issued', nextPeriod: '2027-06', nextInvoiceAt: wib('2027-05-04 06:00') });
      // Friday 10:00 is inside the send window: the usual notice goes out at once.
      expect(billing.notifications('invoice_issued').map((effect) => wibText(effect.at))).toEqual(['2027-04-02 10:00']);

      await scenario.travelTo(wib('2027-04-04 06:00')); // the schedule's issue time of 2027-05
      await scenario.travelTo(wib('2027-04-04 12:00'));
      expect(periods()).toEqual(['2027-05']);
      expect(await issuedEntries()).toEqual(['2027-04-02 10:00 operator admin-1']);

      await pay('inv-2027-05');
      await scenario.travelTo(wib('2027-05-04 05:59'));
      expect(periods()).toEqual(['2027-05']);
      await scenario.travelTo(wib('2027-05-04 06:00'));
      await scenario.travelTo(wib('2027-05-04 07:00'));
      expect(periods()).toEqual(['2027-05', '2027-06']);
      state = await scenario.state();
      expect(state.currentInvoice).toMatchObject({ period: '2027-06', dueDate: '2027-05-05', total: 111_000 });
      expect(await issuedEntries()).toEqual(['2027-04-02 10:00 operator admin-1', '2027-05-04 06:00 schedule']);
      expect(state.nextInvoiceAt).toBe(wib('2027-06-04 06:00'));
    });

    it('issues 2027-06 early on Sat 10 Apr after the scheduled 2027-05; 2027-07 still waits for Fri 4 Jun 06:00', async () => {
      await scenario.travelTo(wib('2027-04-04 07:00'));
      await pay('inv-2027-05');
      await scenario.travelTo(wib('2027-04-10 10:00'));
      const firstRun = (await scenario.handle.describe()).runId;

      expect(await issueNow()).toMatchObject({ status: 'issued', period: '2027-06', total: 111_000 });
      expect((await scenario.state()).currentInvoice).toMatchObject({ period: '2027-06', dueDate: '2027-05-05', balance: 111_000 });
      await pay('inv-2027-06');
      await scenario.travelTo(wib('2027-05-04 07:00')); // 2027-06's own issue time passes without a second issue
      expect(periods()).toEqual(['2027-05', '2027-06']);
      expect((await scenario.state()).nextInvoiceAt).toBe(wib('2027-06-04 06:00'));

      await scenario.travelTo(wib('2027-06-04 07:00')); // the run that issued two periods continues as new, as usual
      expect(periods()).toEqual(['2027-05', '2027-06', '2027-07']);
      expect((await scenario.handle.describe()).runId).not.toBe(firstRun);
      expect(await issuedEntries()).toEqual(['2027-04-04 06:00 schedule', '2027-04-10 10:00 operator admin-1', '2027-06-04 06:00 schedule']);
    });

    it('answers a repeated request with skipped (already invoiced) and issues nothing', async () => {
      await scenario.travelTo(wib('2027-04-02 10:00'));
      expect(await issueNow()).toMatchObject({ status: 'issued', period: '2027-05' });
      await scenario.travelTo(wib('2027-04-03 10:00'));

      expect(await issueNow()).toEqual({ status: 'skipped', period: '2027-05', reason: 'already_invoiced' });
      expect(await issueNow('2027-05')).toEqual({ status: 'skipped', period: '2027-05', reason: 'already_invoiced' });
      expect(periods()).toEqual(['2027-05']);
      expect(billing.activityCalls.filter((name) => name === 'issueInvoice')).toHaveLength(1);
    });

    it('races the schedule: a request at Sun 4 Apr 06:00 while the scheduled issue is in flight is skipped, one invoice', async () => {
      let release = (): void => undefined;
      billing.holds.issueInvoice = new Promise<void>((resolve) => (release = resolve));
      await scenario.travelTo(wib('2027-04-04 06:00'));
      await waitFor(() => billing.activityCalls.includes('issueInvoice'));

      const manual = issueNow('2027-05');
      setTimeout(release, 500);

      expect(await manual).toEqual({ status: 'skipped', period: '2027-05', reason: 'already_invoiced' });
      expect(periods()).toEqual(['2027-05']);
      expect(await issuedEntries()).toEqual(['2027-04-04 06:00 schedule']);
      expect((await scenario.state()).currentInvoice).toMatchObject({ period: '2027-05', dueDate: '2027-04-05', total: 111_000 });
    });

    it('races the schedule from the other side: issued at 05:59, the 06:00 timer finds the period invoiced', async () => {
      await scenario.travelTo(wib('2027-04-04 05:59'));
      expect(await issueNow()).toMatchObject({ status: 'issued', period: '2027-05' });
      await scenario.travelTo(wib('2027-04-04 06:00'));
      await scenario.travelTo(wib('2027-04-05 08:30'));

      expect(periods()).toEqual(['2027-05']);
      expect(await issuedEntries()).toEqual(['2027-04-04 05:59 operator admin-1']);
      // Issued on a Sunday: the notice waits for the send window, as the scheduled issue's would.
      expect(billing.notifications('invoice_issued').map((effect) => wibText(effect.at))).toEqual(['2027-04-05 08:00']);
      expect((await scenario.state()).nextInvoiceAt).toBe(wib('2027-05-04 06:00'));
    });

    it('skips a period that is not the next one, an isolated subscription and a cancelled one', async () => {
      await scenario.travelTo(wib('2027-04-02 10:00'));
      expect(await issueNow('2027-06')).toEqual({ status: 'skipped', period: '2027-06', reason: 'not_next_period' });

      await scenario.handle.signal(suspendNowSignal, { actor, reason: 'Uji isolir' });
      await waitFor(async () => (await scenario.state()).suspended);
      expect(DEFAULT_DUNNING_POLICY.issueWhileSuspended).toBeFalsy();
      expect(await issueNow()).toEqual({ status: 'skipped', period: '2027-05', reason: 'isolated' });

      await scenario.handle.signal(cancelSubscriptionSignal, { actor, reason: 'Pindah rumah', mode: 'end_of_period' });
      expect(await issueNow()).toEqual({ status: 'skipped', period: '2027-05', reason: 'cancelled' });
      expect(periods()).toEqual([]);
    });
  });
});

/** Polls `check` (real time) until it holds: for what the worker does outside the workflow's calendar. */
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
