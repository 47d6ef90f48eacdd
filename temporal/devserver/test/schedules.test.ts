/**
 * Schedules through the real `@temporalio/client` ScheduleClient, in both server modes (time skipping fires
 * schedules as the virtual clock jumps), plus durability across a restart and the UI's HTTP routes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, ScheduleHandle, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startDevServer } from '../src';
import { tsFromMs } from '../src/proto';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

jest.setTimeout(90_000);

const HOUR = 3_600_000;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(MODES)('schedules (%s mode)', (mode) => {
  let h: Harness;
  /** One spec step: an hour of virtual time, or a real second. */
  const unit = mode === 'time-skipping' ? HOUR : 1000;
  const handles: ScheduleHandle[] = [];

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterEach(async () => {
    for (const handle of handles.splice(0)) await handle.delete().catch(() => undefined);
  });
  afterAll(() => h?.teardown());

  const create = async (options: Omit<Parameters<Harness['client']['schedule']['create']>[0], 'scheduleId'>) => {
    const handle = await h.client.schedule.create({ scheduleId: uniqueId('sched'), ...options });
    handles.push(handle);
    return handle;
  };

  it('starts workflows on an interval with scheduled-by search attributes and hands on the last result', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await create({
        spec: { intervals: [{ every: unit }] },
        action: { type: 'startWorkflow', workflowType: 'chained', taskQueue, workflowId: 'report' },
      });
      await h.sleep(3.5 * unit);
      const described = await waitFor(() => handle.describe(), (d) => d.info.numActionsTaken >= 3 && d.info.runningActions.length === 0);
      expect(described.info.numActionsTaken).toBeGreaterThanOrEqual(3);
      const actions = described.info.recentActions;
      const last = actions[actions.length - 1];
      expect(last.action.workflow.workflowId).toMatch(/^report-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(last.scheduledAt.getTime() % unit).toBe(0);
      const results: unknown[] = [];
      for (const a of actions) results.push(await h.client.workflow.getHandle(a.action.workflow.workflowId).result());
      expect(results).toEqual(actions.map((_, i) => i + 1));
      const workflow = await h.client.workflow.getHandle(last.action.workflow.workflowId).describe();
      expect(workflow.searchAttributes.TemporalScheduledById).toEqual([handle.scheduleId]);
      expect(workflow.searchAttributes.TemporalScheduledStartTime).toEqual([last.scheduledAt]);
      const listed: string[] = [];
      for await (const s of h.client.schedule.list()) listed.push(s.scheduleId);
      expect(listed).toContain(handle.scheduleId);
      const byQuery = await h.client.workflow.count(
        `TemporalScheduledById = "${handle.scheduleId}" AND WorkflowId = "${last.action.workflow.workflowId}"`,
      );
      expect(byQuery.count).toBe(1);
    });
  });

  it('evaluates calendars in Asia/Jakarta and compiles cron strings, as describe shows them', async () => {
    const handle = await create({
      spec: {
        calendars: [{ hour: 9, minute: 30, comment: 'pagi' }],
        cronExpressions: ['0 20 * * MON-FRI'],
        timezone: 'Asia/Jakarta',
      },
      action: { type: 'startWorkflow', workflowType: 'chained', taskQueue: 'nobody' },
    });
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Asia/Jakarta');
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: 9, end: 9, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }], comment: 'pagi' }),
      expect.objectContaining({ hour: [{ start: 20, end: 20, step: 1 }], dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }] }),
    ]);
    expect(described.info.nextActionTimes.length).toBe(10);
    for (const t of described.info.nextActionTimes) {
      expect([`${t.getUTCHours()}:${t.getUTCMinutes()}`]).toEqual(expect.arrayContaining([expect.stringMatching(/^(2:30|13:0)$/)]));
    }
    expect(described.policies).toEqual({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 365 * 24 * HOUR, pauseOnFailure: false });
    const start = Date.parse('2026-03-02T00:00:00Z'); // a Monday
    const matching: temporal.api.workflowservice.v1.IListScheduleMatchingTimesResponse = await h.client.workflowService.listScheduleMatchingTimes({
      namespace: 'default',
      scheduleId: handle.scheduleId,
      startTime: tsFromMs(start),
      endTime: tsFromMs(start + 24 * HOUR),
    });
    expect(matching.startTime?.map((t) => new Date(Number(t.seconds) * 1000).toISOString())).toEqual([
      '2026-03-02T02:30:00.000Z',
      '2026-03-02T13:00:00.000Z',
    ]);
  });

  describe('overlap policies (backfilled starts of a workflow that runs until signalled)', () => {
    const backfill3 = async (overlap: ScheduleOverlapPolicy, taskQueue: string) => {
      const handle = await create({
        spec: { intervals: [{ every: HOUR }] },
        action: { type: 'startWorkflow', workflowType: 'accumulate', taskQueue },
        state: { paused: true },
      });
      // Backfill takes the spec's times in [start, end]: 01:00, 02:00 and 03:00.
      await handle.backfill({ start: new Date('2026-01-01T00:30:00Z'), end: new Date('2026-01-01T03:00:00Z'), overlap });
      return handle;
    };
    const finish = (workflowId: string) => h.client.workflow.getHandle(workflowId).signal('done');

    it('SKIP starts one and skips the rest; BUFFER_ONE keeps one; ALLOW_ALL runs all', async () => {
      await h.withWorker(async (taskQueue) => {
        const skip = await (await backfill3(ScheduleOverlapPolicy.SKIP, taskQueue)).describe();
        expect(skip.info.runningActions).toHaveLength(1);
        expect(skip.info.numActionsSkippedOverlap).toBe(2);
        const one = await (await backfill3(ScheduleOverlapPolicy.BUFFER_ONE, taskQueue)).describe();
        expect(one.info.runningActions).toHaveLength(1);
        expect(Number(one.raw.info?.bufferSize)).toBe(1);
        expect(one.info.numActionsSkippedOverlap).toBe(1);
        const all = await (await backfill3(ScheduleOverlapPolicy.ALLOW_ALL, taskQueue)).describe();
        expect(all.info.runningActions.map((r) => r.workflow.workflowId).sort()).toEqual(
          all.info.recentActions.map((r) => r.action.workflow.workflowId).sort(),
        );
        expect(all.info.runningActions).toHaveLength(3);
        for (const d of [skip, one, all]) for (const r of d.info.runningActions) await finish(r.workflow.workflowId);
      });
    });

    it('BUFFER_ALL starts each buffered start when the one before it closes', async () => {
      await h.withWorker(async (taskQueue) => {
        const handle = await backfill3(ScheduleOverlapPolicy.BUFFER_ALL, taskQueue);
        const started: string[] = [];
        for (let i = 0; i < 3; i++) {
          const d = await waitFor(() => handle.describe(), (x) => x.info.runningActions.length === 1 && !started.includes(x.info.runningActions[0].workflow.workflowId));
          expect(Number(d.raw.info?.bufferSize)).toBe(2 - i);
          const id = d.info.runningActions[0].workflow.workflowId;
          started.push(id);
          await finish(id);
        }
        expect(started.map((id) => id.slice(-10))).toEqual(['T01:00:00Z', 'T02:00:00Z', 'T03:00:00Z']);
      });
    });

    it('TERMINATE_OTHER terminates the running workflow; CANCEL_OTHER cancels it, then starts', async () => {
      await h.withWorker(async (taskQueue) => {
        for (const [overlap, status] of [
          [ScheduleOverlapPolicy.TERMINATE_OTHER, Status.WORKFLOW_EXECUTION_STATUS_TERMINATED],
          [ScheduleOverlapPolicy.CANCEL_OTHER, Status.WORKFLOW_EXECUTION_STATUS_CANCELED],
        ] as const) {
          const handle = await create({
            spec: { intervals: [{ every: HOUR }] },
            action: { type: 'startWorkflow', workflowType: 'accumulate', taskQueue },
            state: { paused: true },
          });
          await handle.backfill({ start: new Date('2026-01-01T01:00:00Z'), end: new Date('2026-01-01T01:00:00Z'), overlap });
          const first = (await handle.describe()).info.runningActions[0].workflow;
          await handle.trigger(overlap);
          const d = await waitFor(() => handle.describe(), (x) => x.info.numActionsTaken === 2 && x.info.runningActions.length === 1);
          expect(d.info.runningActions[0].workflow.workflowId).not.toBe(first.workflowId);
          const closed = await h.client.workflowService.describeWorkflowExecution({
            namespace: 'default',
            execution: { workflowId: first.workflowId, runId: first.firstExecutionRunId },
          });
          expect(closed.workflowExecutionInfo?.status).toBe(status);
          await finish(d.info.runningActions[0].workflow.workflowId);
        }
      });
    });
  });

  it('pauses and unpauses; no actions are taken while paused', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await create({
        spec: { intervals: [{ every: unit }] },
        action: { type: 'startWorkflow', workflowType: 'chained', taskQueue },
        state: { paused: true, note: 'belum' },
      });
      await h.sleep(2.5 * unit);
      let d = await handle.describe();
      expect([d.state.paused, d.state.note, d.info.numActionsTaken]).toEqual([true, 'belum', 0]);
      await handle.unpause('jalan');
      await h.sleep(1.5 * unit);
      d = await waitFor(() => handle.describe(), (x) => x.info.numActionsTaken >= 1);
      expect([d.state.paused, d.state.note]).toEqual([false, 'jalan']);
      expect(d.info.numActionsTaken).toBeGreaterThanOrEqual(1);
    });
  });

  it('takes only the remaining actions, then none', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await create({
        spec: { intervals: [{ every: unit }] },
        action: { type: 'startWorkflow', workflowType: 'chained', taskQueue },
        state: { remainingActions: 2 },
      });
      await h.sleep(4.5 * unit);
      const d = await waitFor(() => handle.describe(), (x) => x.info.numActionsTaken >= 2);
      expect(d.info.numActionsTaken).toBe(2);
      expect(d.state.remainingActions).toBe(0);
      expect(d.info.nextActionTimes).toEqual([]);
    });
  });

  it('pauses itself when a started workflow fails and pauseOnFailure is set', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await create({
        spec: { intervals: [{ every: 24 * HOUR }] },
        action: { type: 'startWorkflow', workflowType: 'failing', taskQueue },
        policies: { pauseOnFailure: true },
      });
      await handle.trigger();
      const d = await waitFor(() => handle.describe(), (x) => x.state.paused);
      expect(d.state.paused).toBe(true);
      expect(d.state.note).toMatch(/^paused due to workflow failure: .+: Failed$/);
    });
  });

  it('updates the schedule and refuses a stale conflict token; deleting makes it not found', async () => {
    const handle = await create({
      spec: { intervals: [{ every: 24 * HOUR }] },
      action: { type: 'startWorkflow', workflowType: 'chained', taskQueue: 'nobody' },
    });
    await handle.update((previous) => ({ ...previous, spec: { calendars: [{ hour: 7 }] } }));
    const d = await handle.describe();
    expect(d.spec.calendars).toHaveLength(1);
    expect(d.spec.intervals).toEqual([]);
    expect(d.info.lastUpdatedAt).toBeInstanceOf(Date);
    const stale = await h.client.workflowService
      .updateSchedule({ namespace: 'default', scheduleId: handle.scheduleId, schedule: d.raw.schedule, conflictToken: Buffer.alloc(8) })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 9, details: 'mismatched conflict token' });
    await handle.delete();
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(
      h.client.schedule.create({ scheduleId: 'x', spec: { timezone: 'Mars/Olympus' }, action: { type: 'startWorkflow', workflowType: 'chained', taskQueue: 'q' } }),
    ).rejects.toThrow(new TypeError('unknown time zone Mars/Olympus')); // the client's reading of "Invalid schedule spec: …"
  });
});

describe('schedules with a journal', () => {
  it('survive a restart and keep firing; deleted ones stay deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lunas-schedules-'));
    const dbFilename = join(dir, 'temporal.db');
    try {
      let server = await startDevServer({ port: 0, dbFilename });
      let connection = await Connection.connect({ address: server.address });
      let client = new Client({ connection });
      const action = { type: 'startWorkflow' as const, workflowType: 'chained', taskQueue: 'nobody' };
      const kept = await client.schedule.create({ scheduleId: uniqueId('kept'), spec: { intervals: [{ every: 1000 }] }, action });
      const dropped = await client.schedule.create({ scheduleId: uniqueId('dropped'), spec: { intervals: [{ every: 1000 }] }, action });
      await dropped.delete();
      const before = await kept.describe();
      await connection.close();
      await server.close();

      server = await startDevServer({ port: 0, dbFilename });
      connection = await Connection.connect({ address: server.address });
      client = new Client({ connection });
      const after = await client.schedule.getHandle(kept.scheduleId).describe();
      expect(after.info.createdAt).toEqual(before.info.createdAt);
      const later = await waitFor(
        () => client.schedule.getHandle(kept.scheduleId).describe(),
        (d) => d.info.numActionsTaken > after.info.numActionsTaken,
      );
      expect(later.info.numActionsTaken).toBeGreaterThan(after.info.numActionsTaken);
      await expect(client.schedule.getHandle(dropped.scheduleId).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);

      const http = await startDevServer({ port: 0, uiPort: 0 });
      try {
        const hc = new Client({ connection: await Connection.connect({ address: http.address }) });
        const viaUi = await hc.schedule.create({ scheduleId: 'ui-schedule', spec: { intervals: [{ every: HOUR }] }, action });
        const list = (await (await fetch(`http://127.0.0.1:${http.uiPort}/api/v1/namespaces/default/schedules`)).json()) as { schedules: { scheduleId: string }[] };
        expect(list.schedules.map((s) => s.scheduleId)).toEqual(['ui-schedule']);
        const one = (await (await fetch(`http://127.0.0.1:${http.uiPort}/api/v1/namespaces/default/schedules/ui-schedule`)).json()) as {
          schedule: { spec: { interval: unknown[] } };
        };
        expect(one.schedule.spec.interval).toEqual([{ interval: '3600s', phase: '0s' }]);
        await viaUi.delete();
        await hc.connection.close();
      } finally {
        await http.close();
      }
      await connection.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
