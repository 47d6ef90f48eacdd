/**
 * Conformance: the real Temporal SDK (worker + client) against the dev server, in both modes.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowIdReusePolicy,
  WorkflowIdConflictPolicy,
} from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, TerminatedFailure, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { startDevServer } from '../src';
import { createHarness, expectTimeSkipped, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  describe('workflows and activities', () => {
    it('runs a workflow that calls an activity and returns its result', async () => {
      const result = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('greet', { taskQueue, workflowId: uniqueId('greet'), args: ['Lunas'] }),
      );
      expect(result).toBe('Hello, Lunas!');
    });

    it('reports a failed workflow as WorkflowFailedError with the application failure', async () => {
      const error = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('failing', { taskQueue, workflowId: uniqueId('failing') }).catch((e: unknown) => e),
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(ApplicationFailure);
      expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('Boom');
    });
  });

  describe('timers', () => {
    it('fires a timer; the workflow clock advances by at least its duration', async () => {
      const ms = mode === 'time-skipping' ? 3 * 86_400_000 : 700;
      const started = Date.now();
      const [before, after] = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('sleeper', { taskQueue, workflowId: uniqueId('sleeper'), args: [ms] }),
      );
      expect(after - before).toBeGreaterThanOrEqual(ms);
      if (mode === 'time-skipping') expectTimeSkipped(after - before, started);
    });
  });

  describe('signals and queries', () => {
    it('delivers signals and answers queries, also after the workflow closed', async () => {
      await h.withWorker(async (taskQueue) => {
        const handle = await h.client.workflow.start('accumulate', { taskQueue, workflowId: uniqueId('acc') });
        await Promise.all([1, 2, 3, 4, 5].map((n) => handle.signal('add', n)));
        expect(await handle.query('total')).toBe(15);
        await handle.signal('done');
        expect(await handle.result()).toBe(15);
        expect(await handle.query('total')).toBe(15);
      });
    });

    it('signal-with-start starts the workflow once and signals it', async () => {
      await h.withWorker(async (taskQueue) => {
        const workflowId = uniqueId('sws');
        const first = await h.client.workflow.signalWithStart('accumulate', { taskQueue, workflowId, signal: 'add', signalArgs: [10] });
        const second = await h.client.workflow.signalWithStart('accumulate', { taskQueue, workflowId, signal: 'add', signalArgs: [5] });
        expect(second.signaledRunId).toBe(first.signaledRunId);
        await first.signal('done');
        expect(await first.result()).toBe(15);
      });
    });

    it('refuses a query at once while the workflow task keeps failing, and answers it again once a task completes', async () => {
      const service = h.client.workflowService;
      const taskQueue = uniqueId('manual');
      const workflowId = uniqueId('failing-task');
      const handle = await h.client.workflow.start('accumulate', { taskQueue, workflowId });
      for (let attempt = 1; attempt <= 2; attempt++) {
        const task = await service.pollWorkflowTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, identity: 'test' });
        expect(task.attempt).toBe(attempt);
        await service.respondWorkflowTaskFailed({
          namespace: 'default',
          taskToken: task.taskToken,
          identity: 'test',
          cause: temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE,
        });
      }
      const refusal = await handle.query('total').catch((e: unknown) => e);
      // Refused at once: FAILED_PRECONDITION, not a query left waiting for a worker until its deadline.
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).cause).toMatchObject({ code: 9, details: 'Unable to query workflow due to Workflow Task in failed state.' }); // FAILED_PRECONDITION
      // A real worker completes the third attempt; the workflow answers queries again.
      const total = await h.withWorker(async () => {
        await handle.signal('add', 4);
        for (;;) {
          const answer = await handle.query<number>('total').catch(() => undefined);
          if (answer !== undefined) return answer;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }, taskQueue);
      expect(total).toBe(4);
    });

    it('buffers a signal that arrives while a workflow task is in flight and rejects a completion that ignores it', async () => {
      const service = h.client.workflowService;
      const taskQueue = uniqueId('manual');
      const workflowId = uniqueId('inflight');
      await h.client.workflow.start('accumulate', { taskQueue, workflowId });
      const task = await service.pollWorkflowTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, identity: 'test' });
      await h.client.workflow.getHandle(workflowId).signal('add', 7);
      await service.respondWorkflowTaskCompleted({
        namespace: 'default',
        taskToken: task.taskToken,
        identity: 'test',
        commands: [{ commandType: temporal.api.enums.v1.CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION, completeWorkflowExecutionCommandAttributes: {} }],
      });
      const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
      const types = (history.events ?? []).map((e) => e.eventType);
      expect(types).toEqual([
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
      ]);
      expect(history.events?.[3].workflowTaskFailedEventAttributes?.cause).toBe(
        temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
      );
      // A real worker then picks the workflow up and sees the signal.
      const total = await h.withWorker(async () => {
        await h.client.workflow.getHandle(workflowId).signal('done');
        return h.client.workflow.getHandle(workflowId).result();
      }, taskQueue);
      expect(total).toBe(7);
    });
  });

  describe('continue-as-new', () => {
    it('follows the chain of runs to the final result', async () => {
      const result = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('countdown', { taskQueue, workflowId: uniqueId('countdown'), args: [3] }),
      );
      expect(result).toBe(4);
    });
  });

  describe('activity retries', () => {
    it('retries a failing activity with exponential backoff in server time', async () => {
      // Time skipping gets hours to skip, far beyond any wall time the test could take; real time gets seconds.
      const interval = mode === 'time-skipping' ? 3_600_000 : 2_000;
      const started = Date.now();
      const { result, elapsedMs } = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('retrying', { taskQueue, workflowId: uniqueId('retry'), args: [2, uniqueId('k'), interval] }),
      );
      expect(result).toBe('succeeded on attempt 3');
      // Coefficient 2: waits of one interval, then two.
      expect(elapsedMs).toBeGreaterThanOrEqual(3 * interval);
      if (mode === 'time-skipping') expectTimeSkipped(elapsedMs, started);
    });

    it('stops retrying on a non-retryable error type', async () => {
      const type = await h.withWorker((taskQueue) => h.client.workflow.execute('nonRetryable', { taskQueue, workflowId: uniqueId('fatal') }));
      expect(type).toBe('Fatal');
    });

    it('times out an attempt that stops heartbeating and retries with the last heartbeat details', async () => {
      const result = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('heartbeatTimeout', { taskQueue, workflowId: uniqueId('hb'), args: [uniqueId('k')] }),
      );
      expect(result).toBe('attempt 2 saw progress-1');
    });
  });

  describe('activity timeouts', () => {
    it('fails an activity that exceeds its schedule-to-close timeout without retrying', async () => {
      const outcome = await h.withWorker((taskQueue) => h.client.workflow.execute('scheduleToCloseTimeout', { taskQueue, workflowId: uniqueId('s2c') }));
      expect(outcome).toBe(`TimeoutFailure:${TimeoutType.SCHEDULE_TO_CLOSE}`);
    });
  });

  describe('cancellation', () => {
    it('delivers cancellation to a running activity through its heartbeat', async () => {
      const outcome = await h.withWorker((taskQueue) =>
        h.client.workflow.execute('cancelActivity', { taskQueue, workflowId: uniqueId('cancel-activity') }),
      );
      expect(outcome).toBe('cancelled');
    });

    it('cancels and terminates workflows', async () => {
      await h.withWorker(async (taskQueue) => {
        const cancelled = await h.client.workflow.start('waitForever', { taskQueue, workflowId: uniqueId('cancel') });
        await cancelled.cancel();
        const cancelError = await cancelled.result().catch((e: unknown) => e);
        expect((cancelError as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);

        const terminated = await h.client.workflow.start('waitForever', { taskQueue, workflowId: uniqueId('terminate') });
        await terminated.terminate('enough');
        const terminateError = await terminated.result().catch((e: unknown) => e);
        expect((terminateError as WorkflowFailedError).cause).toBeInstanceOf(TerminatedFailure);
      });
    });
  });

  describe('workflow id policies', () => {
    it('rejects a duplicate start of a running workflow', async () => {
      const taskQueue = uniqueId('nobody');
      const workflowId = uniqueId('dup');
      await h.client.workflow.start('waitForever', { taskQueue, workflowId });
      await expect(h.client.workflow.start('waitForever', { taskQueue, workflowId })).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      const existing = await h.client.workflow.start('waitForever', {
        taskQueue,
        workflowId,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      });
      expect(existing.firstExecutionRunId).toBeDefined();
      await h.client.workflow.getHandle(workflowId).terminate();
      await expect(
        h.client.workflow.start('waitForever', { taskQueue, workflowId, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE }),
      ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      const again = await h.client.workflow.start('waitForever', { taskQueue, workflowId, workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE });
      expect((await again.describe()).status.name).toBe('RUNNING');
      await again.terminate();
    });
  });

  describe('timeouts', () => {
    it('times out a workflow run', async () => {
      const error = await h.withWorker((taskQueue) =>
        h.client.workflow
          .execute('waitForever', { taskQueue, workflowId: uniqueId('run-timeout'), workflowRunTimeout: '1 second' })
          .catch((e: unknown) => e),
      );
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(TimeoutFailure);
    });
  });

  describe('describe and history', () => {
    it('describes a workflow with typed search attributes and pages its history', async () => {
      await h.withWorker(async (taskQueue) => {
        const handle = await h.client.workflow.start('tagged', { taskQueue, workflowId: uniqueId('tagged'), memo: { owner: 'billing' } });
        await handle.result();
        const description = await handle.describe();
        expect(description.status.name).toBe('COMPLETED');
        expect(description.searchAttributes.CustomKeywordField).toEqual(['tagged']);
        expect(description.memo).toEqual({ owner: 'billing', stage: 'tagged' });

        const full = await handle.fetchHistory();
        const paged: unknown[] = [];
        let nextPageToken: Uint8Array | undefined;
        do {
          const page = await h.client.workflowService.getWorkflowExecutionHistory({
            namespace: 'default',
            execution: { workflowId: handle.workflowId },
            maximumPageSize: 2,
            nextPageToken,
          });
          paged.push(...(page.history?.events ?? []));
          nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
        } while (nextPageToken);
        expect(paged).toHaveLength(full.events?.length ?? -1);
      });
    });
  });

  describe('async activity completion', () => {
    it('completes an activity by workflow id and activity id, after a heartbeat by id', async () => {
      await h.withWorker(async (taskQueue) => {
        const handle = await h.client.workflow.start('asyncCompletion', { taskQueue, workflowId: uniqueId('async') });
        const activity = { workflowId: handle.workflowId, activityId: 'external' };
        for (;;) {
          const pending = (await handle.describe()).raw.pendingActivities ?? [];
          if (pending.some((a) => a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await h.client.activity.heartbeat(activity, 'halfway');
        const [pending] = (await handle.describe()).raw.pendingActivities ?? [];
        expect(pending.heartbeatDetails?.payloads).toHaveLength(1);
        await h.client.activity.complete(activity, 'done elsewhere');
        expect(await handle.result()).toBe('done elsewhere');
      });
    });
  });

  describe('replay', () => {
    it('replays a history that used patched()', async () => {
      const workflowId = uniqueId('patched');
      await h.withWorker((taskQueue) => h.client.workflow.execute('patchedWorkflow', { taskQueue, workflowId }));
      const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
      const markers = (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED);
      expect(markers).toHaveLength(1);
      await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId)).resolves.toBeUndefined();
    });
  });
});
