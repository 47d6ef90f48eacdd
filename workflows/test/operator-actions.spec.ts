import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { type OperatorActionRequest, operatorActionUpdate, StateConflict } from '@lunas/contracts';
import { subscriptionWorkflow } from '../src';
import { FakeBilling } from './support/fake-billing';
import { bundleWorkflows, type RequestResult, Scenario, startTimeSkippingServer, wib } from './support/harness';

// Same calendar as subscription-workflow.spec.ts: period 2027-05 issued Sunday 4 April 06:00 WIB, due Monday
// 5 April (T+0); reminder 2 + the Rp 10.000 late fee on Monday 12 April 09:00 (T+7). The service period in progress
// on 13 April (5 April – 4 May) ends 5 May 00:00 WIB.
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } };
const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };
const accepted: RequestResult<void> = { status: 'accepted', result: undefined };
/** An operator action without its actor and reason (the tests add both). */
type Ask<R = OperatorActionRequest> = R extends unknown ? Omit<R, 'actor' | 'reason'> : never;
const refused = (code: string, message: string): RequestResult<void> => ({ status: 'rejected', code, message });

/** An operator action that would change nothing is refused by the workflow's update validator, also when requests race. */
describe(`${subscriptionWorkflow.name}: operator actions that change nothing`, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let billing: FakeBilling;
  let scenario: Scenario;
  const act = (request: Ask) =>
    scenario.request(operatorActionUpdate, { actor, reason: 'Uji', ...request } as OperatorActionRequest);
  const race = async (request: Ask) => {
    const answers = await Promise.all([act(request), act(request)]);
    return answers.map((answer) => answer.status).sort();
  };

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    env = await startTimeSkippingServer();
    billing = new FakeBilling(PACKAGES);
    scenario = await Scenario.start(env, bundle, { startAt: wib('2027-04-01 10:00'), activities: billing.activities() });
    // Tue 13 Apr 10:00 WIB: Rp 111.000 + the Rp 10.000 late fee of Mon 12 Apr open.
    await scenario.travelTo(wib('2027-04-13 10:00'));
  });
  afterAll(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  it('refuses to unsuspend an active subscription', async () => {
    expect(await act({ action: 'unsuspend' })).toEqual(refused(StateConflict.NotSuspended, 'Langganan tidak sedang diisolir'));
  });

  it('of two racing suspensions accepts one and refuses the other; a third is refused; the network is told once', async () => {
    expect(await race({ action: 'suspend' })).toEqual(['accepted', 'rejected']);
    await scenario.travelTo(wib('2027-04-13 10:05'));
    expect(await act({ action: 'suspend' })).toEqual(refused(StateConflict.AlreadySuspended, 'Langganan sudah diisolir'));
    expect(billing.networkActions().map((effect) => effect.kind)).toEqual(['suspend']);
    expect(await scenario.state()).toMatchObject({ suspended: true });
  });

  it('unsuspends a suspended subscription once', async () => {
    expect(await race({ action: 'unsuspend' })).toEqual(['accepted', 'rejected']);
    await scenario.travelTo(wib('2027-04-13 10:10'));
    expect(billing.networkActions().map((effect) => effect.kind)).toEqual(['suspend', 'unsuspend']);
  });

  it('refuses to pause paused dunning and to resume running dunning', async () => {
    expect(await act({ action: 'resume-dunning' })).toEqual(refused(StateConflict.DunningNotPaused, 'Penagihan tidak sedang dijeda'));
    expect(await race({ action: 'pause-dunning' })).toEqual(['accepted', 'rejected']);
    expect(await act({ action: 'pause-dunning' })).toEqual(refused(StateConflict.DunningAlreadyPaused, 'Penagihan sudah dijeda'));
    expect(await act({ action: 'resume-dunning' })).toEqual(accepted);
    expect((await scenario.state()).timeline.filter((entry) => entry.kind === 'dunning_paused' || entry.kind === 'dunning_resumed')).toHaveLength(2);
  });

  it('waives the late fee once: a second waiver is refused', async () => {
    expect(await race({ action: 'waive-fee' })).toEqual(['accepted', 'rejected']);
    await scenario.travelTo(wib('2027-04-13 10:15'));
    expect(await scenario.state()).toMatchObject({ balance: 111_000, currentInvoice: { lateFee: 0, lateFeeSettled: true } });
    expect(await act({ action: 'waive-fee' })).toEqual(refused(StateConflict.LateFeeAlreadyWaived, 'Denda tagihan INV/2027/04/000001 sudah dihapus'));
  });

  it('voids an invoice once; a void invoice has no fee to waive', async () => {
    const { invoiceId } = (await scenario.state()).currentInvoice ?? { invoiceId: '' };
    expect(await race({ action: 'void-invoice', invoiceId })).toEqual(['accepted', 'rejected']);
    await scenario.travelTo(wib('2027-04-13 10:20'));
    expect(await act({ action: 'void-invoice', invoiceId })).toEqual(refused(StateConflict.InvoiceAlreadyVoid, 'Tagihan ini sudah dibatalkan'));
    expect(await act({ action: 'waive-fee' })).toEqual(refused(StateConflict.NoOpenInvoice, 'Tidak ada tagihan terbuka; tidak ada denda yang bisa dihapus'));
  });

  it('cancels once: a second cancellation is refused with the day it takes effect', async () => {
    expect(await race({ action: 'cancel', mode: 'end_of_period' })).toEqual(['accepted', 'rejected']);
    expect(await act({ action: 'cancel', mode: 'now' })).toEqual(refused(StateConflict.SubscriptionCancelled, 'Langganan sudah dibatalkan (berlaku 2027-05-05)'));
    await scenario.travelTo(wib('2027-04-13 10:25'));
    expect((await scenario.state()).timeline.filter((entry) => entry.kind === 'cancel_requested')).toHaveLength(1);
    expect(billing.audits.filter((entry) => entry.action === 'subscription.cancel')).toHaveLength(1);
  });
});
