/**
 * Activity pause, unpause and reset (issue item 12), in both server modes, with a real worker: describe shows the
 * pause (PAUSE_REQUESTED while the attempt runs, then PAUSED with its pause info); the heartbeating attempt is
 * cancelled with the real cancellation details (`paused`, `reset`); a paused activity is not retried until it is
 * unpaused; a reset starts again from attempt 1 at once.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { ActivityCancellationDetails } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import * as activities from './fixtures/activities';
import { callHeartbeatingActivity } from './fixtures/workflows';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const State = temporal.api.enums.v1.PendingActivityState;
type PendingActivity = temporal.api.workflow.v1.IPendingActivityInfo;

/** What the test activities saw: attempts started and the cancellation details they were cancelled with. */
interface Seen {
  attempts: number[];
  cancellations: (ActivityCancellationDetails | undefined)[];
}

/** Heartbeats every 100 ms until cancelled; the cancellation details are recorded. */
async function heartbeatUntilCancelled(seen: Seen): Promise<never> {
  const ctx = Context.current();
  ctx.heartbeat();
  const beat = setInterval(() => ctx.heartbeat(), 100);
  try {
    return await ctx.cancelled;
  } finally {
    clearInterval(beat);
    seen.cancellations.push(ctx.cancellationDetails);
  }
}

function testActivities(seen: Seen) {
  return {
    ...activities,
    /** First attempt: heartbeats until cancelled (paused); later attempts succeed. */
    async pausable(): Promise<string> {
      const { attempt } = Context.current().info;
      seen.attempts.push(attempt);
      if (attempt === 1) return heartbeatUntilCancelled(seen);
      return `selesai pada percobaan ${attempt}`;
    },
    /** Attempt 1 fails, attempt 2 heartbeats until cancelled (reset); attempt 1 again succeeds. */
    async resettable(): Promise<string> {
      const { attempt } = Context.current().info;
      seen.attempts.push(attempt);
      if (attempt === 1 && seen.attempts.length > 1) return 'ulang dari percobaan 1';
      if (attempt === 1) throw ApplicationFailure.retryable('gagal sementara');
      return heartbeatUntilCancelled(seen);
    },
  };
}

describe.each(MODES)('activity pause, unpause and reset (%s)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(mode);
  });
  afterAll(() => h?.teardown());

  async function pendingActivity(workflowId: string, done: (a: PendingActivity | undefined) => boolean): Promise<PendingActivity | undefined> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const description = await h.client.workflow.getHandle(workflowId).describe();
      const activity = description.raw.pendingActivities?.[0];
      if (done(activity) || Date.now() > deadline) return activity;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A worker running the test activities, or (without `seen`) workflows only, so that activities stay queued. */
  async function withWorker<T>(seen: Seen | undefined, fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({
      connection: h.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: seen ? testActivities(seen) : undefined,
    });
    return worker.runUntil(() => fn(taskQueue));
  }

  const service = () => h.client.workflowService;
  const execution = (workflowId: string) => ({ namespace: 'default', execution: { workflowId } });

  it('pauses a running activity through its heartbeat, keeps it paused, and unpauses it', async () => {
    const seen: Seen = { attempts: [], cancellations: [] };
    const workflowId = uniqueId('pause');
    await withWorker(seen, async (taskQueue) => {
      const handle = await h.client.workflow.start(callHeartbeatingActivity, { taskQueue, workflowId, args: ['pausable'] });
      await pendingActivity(workflowId, (a) => a?.state === State.PENDING_ACTIVITY_STATE_STARTED);

      await service().pauseActivity({ ...execution(workflowId), type: 'pausable', identity: 'noc-1', reason: 'NAS sedang dipelihara' });
      const requested = await pendingActivity(workflowId, () => true);
      expect([State.PENDING_ACTIVITY_STATE_PAUSE_REQUESTED, State.PENDING_ACTIVITY_STATE_PAUSED]).toContain(requested?.state);

      const paused = await pendingActivity(workflowId, (a) => a?.state === State.PENDING_ACTIVITY_STATE_PAUSED);
      expect(paused).toMatchObject({
        state: State.PENDING_ACTIVITY_STATE_PAUSED,
        paused: true,
        attempt: 2,
        pauseInfo: { manual: { identity: 'noc-1', reason: 'NAS sedang dipelihara' } },
      });
      expect(paused?.lastFailure?.message).toBe('Activity paused');
      expect(seen.cancellations).toEqual([expect.objectContaining({ paused: true, reset: false, cancelRequested: false })]);

      // Well past the one-second retry interval: no new attempt while paused.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(seen.attempts).toEqual([1]);
      expect((await pendingActivity(workflowId, () => true))?.state).toBe(State.PENDING_ACTIVITY_STATE_PAUSED);

      await service().unpauseActivity({ ...execution(workflowId), type: 'pausable', identity: 'noc-1' });
      expect(await handle.result()).toBe('selesai pada percobaan 2');
      expect(seen.attempts).toEqual([1, 2]);
    });
  });

  it('pauses a queued activity at once, and reset with keepPaused leaves it paused from attempt 1', async () => {
    const workflowId = uniqueId('pause-queued');
    // No activity worker: the activity stays scheduled.
    await withWorker(undefined, async (taskQueue) => {
      await h.client.workflow.start(callHeartbeatingActivity, { taskQueue, workflowId, args: ['pausable'] });
      await pendingActivity(workflowId, (a) => a?.state === State.PENDING_ACTIVITY_STATE_SCHEDULED);
    });
    await service().pauseActivity({ ...execution(workflowId), id: '1', reason: 'tunggu' });
    expect(await pendingActivity(workflowId, () => true)).toMatchObject({ state: State.PENDING_ACTIVITY_STATE_PAUSED, paused: true, attempt: 1 });
    await service().resetActivity({ ...execution(workflowId), id: '1', keepPaused: true });
    expect(await pendingActivity(workflowId, () => true)).toMatchObject({ state: State.PENDING_ACTIVITY_STATE_PAUSED, attempt: 1 });
    await service().unpauseActivity({ ...execution(workflowId), unpauseAll: true });
    const unpaused = await pendingActivity(workflowId, () => true);
    expect(unpaused?.state).toBe(State.PENDING_ACTIVITY_STATE_SCHEDULED);
    expect(unpaused?.paused ?? false).toBe(false);
    await h.client.workflow.getHandle(workflowId).terminate('selesai');
  });

  it('resets a running activity through its heartbeat: attempt 1 starts again at once', async () => {
    const seen: Seen = { attempts: [], cancellations: [] };
    const workflowId = uniqueId('reset');
    await withWorker(seen, async (taskQueue) => {
      const handle = await h.client.workflow.start(callHeartbeatingActivity, { taskQueue, workflowId, args: ['resettable'] });
      await pendingActivity(workflowId, (a) => a?.state === State.PENDING_ACTIVITY_STATE_STARTED && a.attempt === 2);
      await service().resetActivity({ ...execution(workflowId), type: 'resettable', identity: 'noc-1' });
      expect(await handle.result()).toBe('ulang dari percobaan 1');
      expect(seen.attempts).toEqual([1, 2, 1]);
      expect(seen.cancellations).toEqual([expect.objectContaining({ reset: true, paused: false })]);
    });
  });

  it('answers an unknown activity with NOT_FOUND and a request without a selector with INVALID_ARGUMENT', async () => {
    const workflowId = uniqueId('pause-errors');
    await withWorker(undefined, async (taskQueue) => {
      await h.client.workflow.start(callHeartbeatingActivity, { taskQueue, workflowId, args: ['pausable'] });
      await pendingActivity(workflowId, (a) => a !== undefined);
    });
    await expect(service().pauseActivity({ ...execution(workflowId), id: 'tidak-ada' })).rejects.toMatchObject({ code: 5 });
    await expect(service().pauseActivity({ ...execution(workflowId) })).rejects.toMatchObject({ code: 3 });
    await h.client.workflow.getHandle(workflowId).terminate('selesai');
  });
});
