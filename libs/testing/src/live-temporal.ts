import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkerProcess } from './worker-process';

export interface LiveTemporalOptions {
  /**
   * The embedded Temporal server executable (`devServerBinPath()` of @lunas/devserver), started in its time-skipping
   * test-server form, with its extra arguments (Lunas's search attributes; `--ui-port`, `--namespace` for the Web UI).
   */
  server: { path: string; port?: number; extraArgs: string[] };
  /** Environment of the worker app besides `TEMPORAL_ADDRESS`: at least `DATABASE_URL`. */
  workerEnv: Record<string, string>;
  /** Epoch ms the virtual clock is moved to before the worker starts. */
  startAt: number;
}

/**
 * The embedded Temporal server (time skipping) and the real worker app (`apps/worker/src/main.ts`: the real
 * subscription workflow and activities) polling it: what a test of a live path shares for a whole file.
 */
export interface LiveTemporal {
  env: TestWorkflowEnvironment;
  worker: WorkerProcess;
  /** Lets virtual time run to `instant` (epoch ms): timers fire in order and the worker runs what they start. */
  travelTo(instant: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveTemporal(options: LiveTemporalOptions): Promise<LiveTemporal> {
  const { path, port, extraArgs } = options.server;
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { port, executable: { type: 'existing-path', path }, extraArgs } });
  const travelTo = async (instant: number) => env.sleep(Math.max(0, instant - (await env.currentTimeMs())));
  const worker = new WorkerProcess({ ...options.workerEnv, TEMPORAL_ADDRESS: env.address });
  try {
    await travelTo(options.startAt);
    await worker.start();
  } catch (error) {
    await env.teardown();
    throw error;
  }
  return {
    env,
    worker,
    travelTo,
    close: async () => {
      await worker.stop();
      await env.teardown();
    },
  };
}
