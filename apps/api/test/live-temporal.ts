import { TestWorkflowEnvironment } from '@temporalio/testing';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { WorkerProcess } from '@lunas/testing';

/**
 * The live half of the API's world: the embedded Temporal server in its time-skipping form (the dev server
 * executable, with Lunas's search attributes) on `port`, and the real worker app (`apps/worker/src/main.ts`, the real
 * subscription workflow and activities) on the test database `databaseUrl`.
 */
export interface LiveTemporal {
  env: TestWorkflowEnvironment;
  worker: WorkerProcess;
  /** Lets virtual time run (timers fire, the worker runs what they start) until `instant`, epoch ms. */
  travelTo(instant: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the time-skipping server on `port` and, once `travel` moved its clock, the worker app. */
export async function startLiveTemporal(port: number, databaseUrl: string, startAt: number): Promise<LiveTemporal> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { port, executable: { type: 'existing-path', path: devServerBinPath() }, extraArgs: searchAttributeServerArgs() },
  });
  const travelTo = async (instant: number) => env.sleep(Math.max(0, instant - (await env.currentTimeMs())));
  await travelTo(startAt);
  const worker = new WorkerProcess({ DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: env.address });
  try {
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
