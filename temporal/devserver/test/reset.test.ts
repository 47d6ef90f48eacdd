/**
 * ResetWorkflowExecution and GetWorkflowExecutionHistoryReverse through the public SDK, in both modes.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import { startDevServer } from '../src';
import { fixedKeys } from './fixtures/activities';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} reset (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  const reset = (req: temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest): Promise<temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse> =>
    h.client.workflowService.resetWorkflowExecution(req);
  const history = async (workflowId: string, runId?: string) => (await h.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];

  async function firstTaskCompleted(workflowId: string): Promise<number> {
    for (;;) {
      const completed = (await history(workflowId)).find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      if (completed) return Number(completed.eventId);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('reruns a failed step in a new run that keeps the signals received after the reset point', async () => {
    await h.withWorker(async (taskQueue) => {
      const key = uniqueId('step');
      const handle = await h.client.workflow.start('sumThenStep', { taskQueue, workflowId: uniqueId('reset'), args: [key] });
      const resetPoint = await firstTaskCompleted(handle.workflowId);
      await handle.signal('add', 5);
      await handle.signal('add', 7);
      await handle.signal('done');
      await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);

      fixedKeys.add(key);
      const { runId } = await reset({
        namespace: 'default',
        workflowExecution: { workflowId: handle.workflowId },
        workflowTaskFinishEventId: Long.fromNumber(resetPoint),
        reason: 'step fixed',
        requestId: randomUUID(),
      });
      expect(await h.client.workflow.getHandle(handle.workflowId).result()).toBe('fixed:12');

      const events = await history(handle.workflowId, runId ?? undefined);
      const failed = events[resetPoint - 1];
      expect(failed.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
      expect(failed.workflowTaskFailedEventAttributes).toMatchObject({
        cause: temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
        baseRunId: handle.firstExecutionRunId,
        newRunId: runId,
      });
      expect(events.slice(resetPoint).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)).toHaveLength(3);
      const old = await h.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
      expect(old.raw.workflowExtendedInfo?.resetRunId).toBe(runId);

      const reverse = await h.client.workflowService.getWorkflowExecutionHistoryReverse({
        namespace: 'default',
        execution: { workflowId: handle.workflowId, runId },
        maximumPageSize: 2,
      });
      expect(reverse.history?.events?.map((e) => Number(e.eventId))).toEqual([events.length, events.length - 1]);
      expect(reverse.history?.events?.[0].eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    });
  });

  it('terminates the open current run and drops later signals with reapply type NONE', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start('accumulate', { taskQueue, workflowId: uniqueId('reset-none') });
      const resetPoint = await firstTaskCompleted(handle.workflowId);
      await handle.signal('add', 3);
      const { runId } = await reset({
        namespace: 'default',
        workflowExecution: { workflowId: handle.workflowId },
        workflowTaskFinishEventId: Long.fromNumber(resetPoint),
        reason: 'start over',
        requestId: randomUUID(),
        resetReapplyType: temporal.api.enums.v1.ResetReapplyType.RESET_REAPPLY_TYPE_NONE,
      });
      const old = await history(handle.workflowId, handle.firstExecutionRunId);
      expect(old[old.length - 1].workflowExecutionTerminatedEventAttributes?.reason).toBe('start over');
      const current = h.client.workflow.getHandle(handle.workflowId);
      expect(await current.query('total')).toBe(0);
      await current.signal('done');
      expect(await current.result()).toBe(0);
      expect((await current.describe()).runId).toBe(runId);
    });
  });

  it('rejects a reset point that is not the end of a workflow task', async () => {
    const handle = await h.client.workflow.start('waitForever', { taskQueue: uniqueId('nobody'), workflowId: uniqueId('reset-bad') });
    await expect(
      reset({ namespace: 'default', workflowExecution: { workflowId: handle.workflowId }, workflowTaskFinishEventId: Long.fromNumber(1), reason: 'x' }),
    ).rejects.toMatchObject({ code: 3 });
    await handle.terminate();
  });
});
