/**
 * Standalone activities (issue item 12) through the real client's `client.activity` API and a real worker, in both
 * server modes: start, result (PollActivityExecution), describe, list/count with a query, server-side retries, a
 * failure outcome, ID conflict, cancellation delivered through the heartbeat, terminate, and pause/unpause.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityExecutionAlreadyStartedError, ActivityExecutionFailedError, Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startDevServer } from '../src';
import * as activities from './fixtures/activities';
import { createHarness, Harness, MODES, quietRuntime, uniqueId } from './helpers';

describe.each(MODES)('standalone activities (%s)', (mode) => {
  let h: Harness;
  let taskQueue: string;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    h = await createHarness(mode);
    taskQueue = `standalone-${randomUUID()}`;
    worker = await Worker.create({ connection: h.nativeConnection, taskQueue, activities });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await h?.teardown();
  });

  it('runs to its result, and describe, list and count show it', async () => {
    const id = uniqueId('sapa');
    const handle = await h.client.activity.start('greeting', { id, taskQueue, args: ['Lunas'], startToCloseTimeout: '10s' });
    expect(handle.runId).toBeTruthy();
    expect(await handle.result()).toBe('Hello, Lunas!');

    const described = await h.client.activity.getHandle(id).describe({ includeInput: true, includeOutcome: true });
    expect(described).toMatchObject({ activityId: id, activityRunId: handle.runId, activityType: 'greeting', taskQueue, attempt: 1 });
    expect(String(described.status)).toMatch(/COMPLETED/);
    expect(described.startToCloseTimeoutMs).toBe(10_000);

    const listed = [];
    for await (const execution of h.client.activity.list(`ActivityId = "${id}"`)) listed.push(execution);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ activityId: id, activityType: 'greeting' });
    expect((await h.client.activity.count(`ActivityType = "greeting" AND ActivityId = "${id}"`)).count).toBe(1);
    // Standalone activities are not workflows.
    expect((await h.client.workflow.count(`WorkflowId = "${id}"`)).count).toBe(0);
  });

  it('is retried by the server, and a non-retryable failure is its outcome', async () => {
    const key = randomUUID();
    const id = uniqueId('flaky');
    const result = await h.client.activity.execute('flaky', {
      id,
      taskQueue,
      args: [key, 2],
      startToCloseTimeout: '10s',
      retry: { initialInterval: '100ms', backoffCoefficient: 1 },
    });
    expect(result).toBe('succeeded on attempt 3');

    const failed = h.client.activity.execute('fatal', { id: uniqueId('fatal'), taskQueue, startToCloseTimeout: '10s', retry: { nonRetryableErrorTypes: ['Fatal'] } });
    await expect(failed).rejects.toBeInstanceOf(ActivityExecutionFailedError);
    await expect(failed).rejects.toMatchObject({ cause: { message: 'fatal' } });
  });

  it('refuses a second start of a running id, and returns the running one with USE_EXISTING', async () => {
    const id = uniqueId('dup');
    const first = await h.client.activity.start('waitForCancel', { id, taskQueue, startToCloseTimeout: '1m', heartbeatTimeout: '2s' });
    await expect(h.client.activity.start('waitForCancel', { id, taskQueue, startToCloseTimeout: '1m' })).rejects.toBeInstanceOf(ActivityExecutionAlreadyStartedError);
    const same = await h.client.activity.start('waitForCancel', { id, taskQueue, startToCloseTimeout: '1m', idConflictPolicy: 'USE_EXISTING' });
    expect(same.runId).toBe(first.runId);

    // Cancellation reaches the heartbeating activity, which resolves as canceled.
    await first.cancel('tidak diperlukan lagi');
    await expect(first.result()).rejects.toBeInstanceOf(ActivityExecutionFailedError);
    const described = await first.describe();
    expect(String(described.status)).toMatch(/CANCELED/);
  });

  it('terminates a queued activity, and pauses and unpauses one', async () => {
    const idle = `idle-${randomUUID()}`;
    const terminated = await h.client.activity.start('greeting', { id: uniqueId('term'), taskQueue: idle, args: ['x'], startToCloseTimeout: '10s' });
    await terminated.terminate('dibatalkan operator');
    await expect(terminated.result()).rejects.toMatchObject({ cause: { message: 'dibatalkan operator' } });
    expect(String((await terminated.describe()).status)).toMatch(/TERMINATED/);

    const paused = await h.client.activity.start('greeting', { id: uniqueId('pause'), taskQueue: idle, args: ['y'], startToCloseTimeout: '10s' });
    await paused.pause({ reason: 'tunggu' });
    expect(String((await paused.describe()).status)).toMatch(/PAUSED/);
    await paused.unpause();
    expect(String((await paused.describe()).status)).toMatch(/RUNNING/);
    await paused.terminate('selesai');
  });
});

describe('standalone activities across a restart', () => {
  let dir: string;
  beforeAll(() => {
    quietRuntime();
    dir = mkdtempSync(join(tmpdir(), 'standalone-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `fn` against a server journaling to the test's file. */
  async function withServer<T>(fn: (client: Client, nativeConnection: NativeConnection) => Promise<T>): Promise<T> {
    const server = await startDevServer({ port: 0, dbFilename: join(dir, 'temporal.db') });
    const connection = await Connection.connect({ address: server.address });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    try {
      return await fn(new Client({ connection }), nativeConnection);
    } finally {
      await nativeConnection.close();
      await connection.close();
      await server.close();
    }
  }

  it('keeps queued, paused and completed activities, and runs the queued one after the restart', async () => {
    const taskQueue = `restart-${randomUUID()}`;
    const [queued, paused, done] = [uniqueId('queued'), uniqueId('paused'), uniqueId('done')];
    await withServer(async (client, nativeConnection) => {
      await client.activity.start('greeting', { id: queued, taskQueue, args: ['Antrian'], startToCloseTimeout: '10s' });
      await (await client.activity.start('greeting', { id: paused, taskQueue, args: ['Jeda'], startToCloseTimeout: '10s' })).pause({ reason: 'tunggu' });
      const worker = await Worker.create({ connection: nativeConnection, taskQueue: `${taskQueue}-other`, activities });
      await worker.runUntil(() => client.activity.execute('greeting', { id: done, taskQueue: `${taskQueue}-other`, args: ['Selesai'], startToCloseTimeout: '10s' }));
    });
    await withServer(async (client, nativeConnection) => {
      expect(await client.activity.getHandle(done).result()).toBe('Hello, Selesai!');
      expect(String((await client.activity.getHandle(paused).describe()).status)).toMatch(/PAUSED/);
      expect((await client.activity.count(`ActivityId IN ("${queued}", "${paused}", "${done}")`)).count).toBe(3);
      const worker = await Worker.create({ connection: nativeConnection, taskQueue, activities });
      expect(await worker.runUntil(() => client.activity.getHandle(queued).result())).toBe('Hello, Antrian!');
    });
  });
});
