/**
 * Test harness: the dev server in both modes, a real SDK worker on a fresh task queue per test, a real
 * client. Normal mode uses the programmatic API in-process; time-skipping mode launches the executable
 * through `TestWorkflowEnvironment.createTimeSkipping` (as application tests do).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { devServerBinPath, DevServer, startDevServer } from '../src';
import * as activities from './fixtures/activities';

export type Mode = 'normal' | 'time-skipping';

/** Custom search attributes the fixtures use, registered at server start (as `--search-attribute`). */
export const TEST_SEARCH_ATTRIBUTES: Record<string, string> = {
  CustomKeywordField: 'Keyword',
  LunasDunningStage: 'Keyword',
  LunasOutstanding: 'Int',
};
export const MODES: Mode[] = ['normal', 'time-skipping'];

/**
 * Shows time skipping by the server's own clock, not by a tight wall-clock bound a loaded machine can miss: the
 * workflow time that passed (measured by the server's clock, e.g. `Date.now()` inside a workflow) is at least 100
 * times the wall time the test took.
 */
export function expectTimeSkipped(serverElapsedMs: number, wallStartedMs: number): void {
  expect(serverElapsedMs).toBeGreaterThanOrEqual(100 * (Date.now() - wallStartedMs));
}

let runtimeInstalled = false;
/** Keeps SDK logs quiet (errors only): tests provoke expected NotFound/Unavailable warnings. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The fixture workflows, bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/workflows'), logger: new DefaultLogger('ERROR') });
  return bundle;
}

export interface Harness {
  mode: Mode;
  client: Client;
  nativeConnection: NativeConnection;
  address: string;
  /** Sleeps in server time (skipped in time-skipping mode). */
  sleep(ms: number): Promise<void>;
  /** Server time (virtual in time-skipping mode). */
  now(): Promise<number>;
  /** Runs `fn` with a worker on `taskQueue` (default: a fresh one). */
  withWorker<T>(fn: (taskQueue: string) => Promise<T>, taskQueue?: string): Promise<T>;
  teardown(): Promise<void>;
}

export async function createHarness(mode: Mode): Promise<Harness> {
  quietRuntime();
  let server: DevServer | undefined;
  let env: TestWorkflowEnvironment | undefined;
  let client: Client;
  let nativeConnection: NativeConnection;
  let connection: Connection | undefined;
  let address: string;
  if (mode === 'normal') {
    server = await startDevServer({ port: 0, searchAttributes: TEST_SEARCH_ATTRIBUTES });
    address = server.address;
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection });
  } else {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: devServerBinPath() },
        extraArgs: Object.entries(TEST_SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
      },
    });
    address = env.address;
    nativeConnection = env.nativeConnection;
    client = env.client;
  }
  const workflowBundleReady = workflowBundle();
  return {
    mode,
    client,
    nativeConnection,
    address,
    sleep: (ms) => (env ? env.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms))),
    now: async () => (env ? env.currentTimeMs() : Date.now()),
    withWorker: async (fn, taskQueue = `tq-${randomUUID()}`) => {
      const worker = await Worker.create({
        connection: nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundleReady,
        activities,
      });
      return worker.runUntil(() => fn(taskQueue));
    },
    teardown: async () => {
      if (env) return env.teardown();
      await connection?.close();
      await nativeConnection.close();
      await server?.close();
    },
  };
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
