import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { balanceReopenedSignal, BILLING_TASK_QUEUE, paymentReceivedSignal, stateQuery, subscriptionWorkflowId } from '@lunas/contracts';
import type { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, Scenario, startTimeSkippingServer, SUBSCRIPTION, wib } from './support/harness';

// Two subscriptions of one customer, Rp 100.000 + PPN = Rp 111.000 each: sub-1 bills on day 5 (period 2027-05
// issued Sunday 4 April 06:00 WIB), sub-2 on day 10 (issued Friday 9 April 06:00 WIB).
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } };
const SECOND = { ...SUBSCRIPTION, subscriptionId: 'sub-2', billingDay: 10 };

describe('customer credit in the subscription workflow', () => {
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
    scenario = await Scenario.start(env, bundle, { startAt: wib('2027-04-01 10:00'), activities: billing.activities() });
  });
  afterEach(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  const overpay = async () => {
    await scenario.travelTo(wib('2027-04-06 10:00'));
    await scenario.handle.signal(paymentReceivedSignal, { paymentId: 'pay-1', invoiceId: 'inv-2027-05', amount: 200_000, paidAt: Date.now(), source: 'kasir' });
    await scenario.travelTo(wib('2027-04-06 10:05'));
  };

  it('allocates sub-1\'s credit to sub-2\'s invoice: both timelines say so and sub-1 no longer shows it as its credit', async () => {
    const second = await env.client.workflow.start<typeof subscriptionWorkflow>('subscriptionWorkflow', {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(SECOND.tenantId, SECOND.subscriptionId),
      args: [{ subscription: SECOND, packageId: 'pkg-10', policy: DEFAULT_DUNNING_POLICY }],
    });
    await overpay();
    expect(await scenario.state()).toMatchObject({ credit: 89_000, balance: 0 });

    await scenario.travelTo(wib('2027-04-09 06:05'));

    const giver = await scenario.state();
    const taker = await second.query(stateQuery);
    expect(giver.credit).toBe(0);
    expect(billing.creditOf('sub-1')).toBe(0);
    expect(giver.timeline.filter((entry) => entry.kind === 'credit_allocated')).toEqual([
      expect.objectContaining({ amount: -89_000, message: `Saldo Rp 89.000 dipakai untuk ${taker.currentInvoice?.number} langganan lain pelanggan ini; sisa saldo Rp 0` }),
    ]);
    expect(taker.currentInvoice).toMatchObject({ invoiceId: 'inv-sub-2-2027-05', total: 111_000, balance: 22_000, status: 'partial' });
    expect(taker.credit).toBe(0);
    expect(taker.timeline.filter((entry) => entry.kind === 'credit_allocated')).toEqual([
      expect.objectContaining({ amount: 89_000, message: `Saldo Rp 89.000 dari langganan lain pelanggan ini dipakai untuk tagihan ${taker.currentInvoice?.number}` }),
    ]);
    await second.terminate('test done');
  });

  it('keeps the invoice paid when a refund comes out of credit, and shows the credit left (signal repeated changes nothing)', async () => {
    await overpay();
    billing.addCredit('sub-1', 'cust-1', -50_000); // what the API books with the credit note
    const refund = { eventId: 'credit-note-1', invoiceId: 'inv-2027-05', balance: 0, reason: 'refund' as const, fromCredit: 50_000 };
    await scenario.handle.signal(balanceReopenedSignal, refund);
    await scenario.handle.signal(balanceReopenedSignal, refund);
    await scenario.travelTo(wib('2027-04-06 10:10'));

    const state = await scenario.state();
    expect(state).toMatchObject({ stage: 'paid', balance: 0, credit: 39_000 });
    expect(state.timeline.filter((entry) => entry.kind === 'balance_reopened').map((entry) => entry.message)).toEqual([
      'Pengembalian dana: Rp 50.000 diambil dari saldo, tagihan tetap lunas',
    ]);
  });
});
