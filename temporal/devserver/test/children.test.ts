/**
 * Child workflows (results, failures, cancellation, parent close policies) and signals to external
 * workflows, through the public SDK in both modes.
 */
import { ParentClosePolicy } from '@temporalio/workflow';
import { temporal } from '@temporalio/proto';
import { startDevServer } from '../src';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} child workflows (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  async function statusWhenSettled(workflowId: string, expected: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const status = (await h.client.workflow.getHandle(workflowId).describe()).status.name;
      if (status === expected) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (await h.client.workflow.getHandle(workflowId).describe()).status.name;
  }

  it('returns child results and failures to the parent and cancels a child', async () => {
    const workflowId = uniqueId('children');
    const outcomes = await h.withWorker((taskQueue) => h.client.workflow.execute('childOutcomes', { taskQueue, workflowId }));
    expect(outcomes).toEqual(['Hello, child!', 'ChildWorkflowFailure:Boom', 'cancelled']);
    const history = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const types = history.map((e) => e.eventType);
    expect(types.filter((t) => t === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).toHaveLength(3);
    expect(types).toContain(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED);
    expect(types).toContain(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED);
    expect(types).toContain(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    expect(types).toContain(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED);
    const started = history.find((e) => e.eventType === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED);
    const child = await h.client.workflow.getHandle(started?.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId ?? '').describe();
    expect(child.parentExecution?.workflowId).toBe(workflowId);
  });

  it.each([
    [ParentClosePolicy.REQUEST_CANCEL, 'CANCELLED'],
    [ParentClosePolicy.TERMINATE, 'TERMINATED'],
    [ParentClosePolicy.ABANDON, 'RUNNING'],
  ])('applies parent close policy %s to a running child', async (policy, childStatus) => {
    const childId = uniqueId('child');
    await h.withWorker(async (taskQueue) => {
      await h.client.workflow.execute('parentOfWaitingChild', { taskQueue, workflowId: uniqueId('parent'), args: [childId, policy] });
      expect(await statusWhenSettled(childId, childStatus)).toBe(childStatus);
    });
    if (childStatus === 'RUNNING') await h.client.workflow.getHandle(childId).terminate();
  });

  it('signals an external workflow and fails for a missing one', async () => {
    await h.withWorker(async (taskQueue) => {
      const target = await h.client.workflow.start('accumulate', { taskQueue, workflowId: uniqueId('target') });
      const outcome = await h.client.workflow.execute('signaller', { taskQueue, workflowId: uniqueId('signaller'), args: [target.workflowId] });
      expect(outcome).toBe('ApplicationFailure: Unable to signal external workflow because it was not found');
      expect(await target.result()).toBe(5);
    });
  });
});
