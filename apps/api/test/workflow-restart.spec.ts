import { ConflictException } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { SubscriptionWorkflows } from '../src/temporal/subscription-workflows';
// The workflows' own test support (fake records, time-skipping scenario), shared as the workflow tests share the worker's.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FakeBilling } from '../../../workflows/test/support/fake-billing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bundleWorkflows, Scenario, startTimeSkippingServer, wib, wibText } from '../../../workflows/test/support/harness';

// The calendar of the workflow tests: period 2027-05 of billing day 5 is issued Sunday 4 April 2027 06:00 WIB and
// its `invoice_issued` message goes out Monday 5 April 08:00; reminder 1 on Thursday 8 April 09:00.
const PACKAGES = { 'pkg-10': { name: 'Paket 10 Mbps', monthlyAmount: 100_000 } };

/** A subscription workflow that failed is seen as failed and restarted by an operator from its last good state. */
describe(`${SubscriptionWorkflows.name}: failed workflow restarted (time-skipping Temporal)`, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;
  let billing: FakeBilling;
  let scenario: Scenario;
  let workflows: SubscriptionWorkflows;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    env = await startTimeSkippingServer();
    billing = new FakeBilling(PACKAGES);
    workflows = new SubscriptionWorkflows(env.client, env.connection);
  });
  afterAll(async () => {
    await scenario?.stop();
    await env?.teardown();
  });

  it('reports the failure, restarts from the failed run\'s input, and the new run carries on with the same invoice', async () => {
    // A fault that is no business refusal (a bug) fails the run at the first message.
    billing.faults.notify = ApplicationFailure.nonRetryable('Templat rusak', 'UNEXPECTED');
    scenario = await Scenario.start(env, bundle, { startAt: wib('2027-04-01 10:00'), activities: billing.activities() });
    await scenario.travelTo(wib('2027-04-05 09:00'));
    const { workflowId } = scenario.handle;
    expect(await workflows.runStatus(workflowId)).toEqual({ status: 'FAILED', stopped: { ending: 'failed', at: expect.any(Date) } });
    const failedRunId = (await scenario.handle.describe()).runId;
    expect(await workflows.listStopped('tenant-1', 10)).toEqual([
      expect.objectContaining({ workflowId, runId: failedRunId, subscriptionId: 'sub-1', tenantId: 'tenant-1', ending: 'failed' }),
    ]);
    expect(await workflows.listStopped('tenant-2', 10)).toEqual([]);

    delete billing.faults.notify;
    const restarted = await workflows.restartStopped(workflowId);
    expect(restarted).toEqual({ runId: expect.any(String), stoppedRunId: failedRunId });
    expect(restarted.runId).not.toBe(failedRunId);
    await scenario.travelTo(wib('2027-04-08 10:00'));

    expect(await workflows.runStatus(workflowId)).toEqual({ status: 'RUNNING' });
    const state = await scenario.state();
    // The period the failed run was in is not skipped: the invoice it issued is found again, not issued twice.
    expect(state.currentInvoice).toMatchObject({ invoiceId: 'inv-2027-05', period: '2027-05', balance: 111_000, status: 'unpaid' });
    expect(billing.invoices.size).toBe(1);
    expect(billing.notifications().map((effect) => `${wibText(effect.at)} ${effect.template}`)).toEqual([
      '2027-04-05 09:00 invoice_issued',
      '2027-04-08 09:00 payment_reminder_1',
    ]);
    expect(await workflows.listStopped('tenant-1', 10)).toEqual([]);
    await expect(workflows.restartStopped(workflowId)).rejects.toBeInstanceOf(ConflictException);
  });
});
