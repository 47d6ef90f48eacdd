import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from '@lunas/domain';
import {
  applyPolicySignal,
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
    });
  });
});
