/**
 * Durability: the executable with --db-filename is killed with SIGKILL mid-timer and mid-activity, then
 * restarted on the same file; every workflow still completes exactly once and acknowledged signals survive.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '@lunas/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { devServerBinPath, startDevServer } from '../src';
import * as activities from './fixtures/activities';
import { quietRuntime, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(120_000);

/** Spawns the executable and resolves once it listens. */
function launch(port: number, db: string): Promise<ChildProcess> {
  const child = spawn(devServerBinPath(), ['server', 'start-dev', '--port', String(port), '--db-filename', db, '--headless'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}

function countEvents(events: temporal.api.history.v1.IHistoryEvent[], type: number): number {
  return events.filter((e) => e.eventType === type).length;
}

describe(startDevServer.name, () => {
  describe('with dbFilename', () => {
    let dir: string;
    let server: ChildProcess | undefined;

    beforeAll(() => {
      quietRuntime();
      dir = mkdtempSync(join(tmpdir(), 'lunas-devserver-'));
    });
    afterAll(async () => {
      if (server) await kill9(server);
      rmSync(dir, { recursive: true, force: true });
    });

    it('survives kill -9 mid-timer and mid-activity: every workflow completes exactly once', async () => {
      const port = await freePort();
      const db = join(dir, 'journal.db');
      const address = `127.0.0.1:${port}`;
      server = await launch(port, db);

      const nativeConnection = await NativeConnection.connect({ address });
      const taskQueue = uniqueId('durable');
      const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
      const workerRun = worker.run();
      const connection = await Connection.connect({ address });
      const client = new Client({ connection });

      const names = Array.from({ length: 8 }, (_, i) => `customer-${i}`);
      const handles: WorkflowHandle[] = await Promise.all(
        names.map((name) => client.workflow.start('timerThenActivity', { taskQueue, workflowId: uniqueId('crash'), args: [1500, name] })),
      );
      const accumulator = await client.workflow.start('accumulate', { taskQueue, workflowId: uniqueId('signals') });
      await accumulator.signal('add', 1);
      await accumulator.signal('add', 2);

      // Crash 1: every workflow is waiting on its 1.5 s timer; a signal was just acknowledged.
      await waitFor(async () => (await handles[0].describe()).raw.pendingWorkflowTask == null && countEvents((await handles[0].fetchHistory()).events ?? [], EventType.EVENT_TYPE_TIMER_STARTED) === 1, 5000);
      await accumulator.signal('add', 3);
      await kill9(server);
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the timers fall due while the server is down
      server = await launch(port, db);

      // Crash 2: at least one slowGreeting activity (1.5 s) is running on the worker.
      await waitFor(async () => {
        const descriptions = await Promise.all(handles.map((h) => h.describe()));
        return descriptions.some((d) => (d.raw.pendingActivities ?? []).some((a) => a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
      }, 15_000);
      await kill9(server);
      server = await launch(port, db);

      await accumulator.signal('done');
      const results = await Promise.all(handles.map((h) => h.result()));
      expect(results).toEqual(names.map((name) => `Hello, ${name}!`));
      expect(await accumulator.result()).toBe(6);
      for (const handle of handles) {
        const events = (await handle.fetchHistory()).events ?? [];
        expect(countEvents(events, EventType.EVENT_TYPE_TIMER_FIRED)).toBe(1);
        expect(countEvents(events, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toBe(1);
        expect(countEvents(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).toBe(1);
      }

      worker.shutdown();
      await workerRun;
      await connection.close();
      await nativeConnection.close();
    });
  });
});
