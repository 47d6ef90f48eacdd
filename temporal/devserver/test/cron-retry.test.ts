/**
 * Cron workflows and workflow retry policies, in both server modes: each run closes into the next (new run
 * id, backoff, attempt, last result or failure), as the real server records it.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

jest.setTimeout(90_000);

const HOUR = 3_600_000;
const EventType = temporal.api.enums.v1.EventType;
const Initiator = temporal.api.enums.v1.ContinueAsNewInitiator;
const RetryState = temporal.api.enums.v1.RetryState;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

describe.each(MODES)('cron and retry (%s mode)', (mode) => {
  let h: Harness;
  const unit = mode === 'time-skipping' ? HOUR : 1000;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  const history = async (workflowId: string, runId: string) =>
    (await h.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];

  it('retries a failed workflow run as a new run with backoff, attempt and the last failure', async () => {
    const workflowId = uniqueId('flaky');
    const result = await h.withWorker((taskQueue) =>
      h.client.workflow.execute('flakyWorkflow', {
        taskQueue,
        workflowId,
        args: [3],
        retry: { initialInterval: unit, backoffCoefficient: 2, maximumAttempts: 5 },
      }),
    );
    expect(result).toMatchObject({ attempt: 3, lastFailure: 'attempt 2 failed' });
    const runs = [];
    for await (const r of h.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(r);
    runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    expect(runs.map((r) => r.status.name)).toEqual(['FAILED', 'FAILED', 'COMPLETED']);
    const first = await history(workflowId, runs[0].runId);
    const failed = first[first.length - 1];
    expect(failed.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    expect(failed.workflowExecutionFailedEventAttributes?.retryState).toBe(RetryState.RETRY_STATE_IN_PROGRESS);
    expect(failed.workflowExecutionFailedEventAttributes?.newExecutionRunId).toBe(runs[1].runId);
    const third = (await history(workflowId, runs[2].runId))[0].workflowExecutionStartedEventAttributes;
    expect(third?.attempt).toBe(3);
    expect(third?.initiator).toBe(Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY);
    expect(third?.continuedExecutionRunId).toBe(runs[1].runId);
    expect(third?.continuedFailure?.message).toBe('attempt 2 failed');
    expect(Number(third?.firstWorkflowTaskBackoff?.seconds) * 1000).toBe(2 * unit);
    expect(result.at - runs[0].startTime.getTime()).toBeGreaterThanOrEqual(3 * unit);
  });

  it('stops retrying at maximum attempts with MAXIMUM_ATTEMPTS_REACHED', async () => {
    const error = await h.withWorker((taskQueue) =>
      h.client.workflow
        .execute('flakyWorkflow', { taskQueue, workflowId: uniqueId('flaky'), args: [10], retry: { initialInterval: unit, maximumAttempts: 2 } })
        .catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).retryState).toBe('MAXIMUM_ATTEMPTS_REACHED');
  });

  it('runs a cron workflow: first run after the backoff, each completed run continues into the next with its result', async () => {
    const workflowId = uniqueId('cron');
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start('chained', {
        taskQueue,
        workflowId,
        cronSchedule: mode === 'time-skipping' ? '0 * * * *' : '@every 1s',
      });
      await h.sleep(3.5 * unit);
      const runs = [];
      for await (const r of h.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push(r);
      runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      const completed = runs.filter((r) => r.status.code === Status.WORKFLOW_EXECUTION_STATUS_COMPLETED);
      expect(completed.length).toBeGreaterThanOrEqual(2);
      const results = [];
      for (const r of completed) results.push(await h.client.workflow.getHandle(workflowId, r.runId, { followRuns: false }).result());
      expect(results).toEqual(completed.map((_, i) => i + 1));
      const first = await history(workflowId, handle.firstExecutionRunId);
      const started = first[0].workflowExecutionStartedEventAttributes;
      expect(started?.cronSchedule).toBeTruthy();
      expect(Number(started?.firstWorkflowTaskBackoff?.seconds ?? 0) + (started?.firstWorkflowTaskBackoff?.nanos ?? 0)).toBeGreaterThan(0);
      const close = first[first.length - 1];
      expect(close.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
      expect(close.workflowExecutionCompletedEventAttributes?.newExecutionRunId).toBe(runs[1].runId);
      const second = (await history(workflowId, runs[1].runId))[0].workflowExecutionStartedEventAttributes;
      expect(second?.initiator).toBe(Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE);
      expect(second?.lastCompletionResult?.payloads).toHaveLength(1);
      await h.client.workflow.getHandle(workflowId).terminate('enough');
    });
  });

  it('refuses an invalid cron schedule with INVALID_ARGUMENT', async () => {
    const error = await h.client.workflow
      .start('chained', { taskQueue: 'nobody', workflowId: uniqueId('cron'), cronSchedule: 'every tuesday' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ cause: { code: 3, details: 'Invalid CronSchedule.' } });
  });
});
