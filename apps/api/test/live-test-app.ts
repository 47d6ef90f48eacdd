import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { freePort, startLiveTemporal, type LiveTemporal } from '@lunas/testing';
import { startTestApp, type TestApp } from './test-app';

/** The API of a live-Temporal test, and the port its Temporal server is to listen on once started. */
export interface LiveTestApp {
  t: TestApp;
  port: number;
  /** Starts the embedded Temporal server (time skipping) on `port` and the real worker on the test's database. */
  startTemporal(startAt: number): Promise<LiveTemporal>;
}

/**
 * The real API pointed at a Temporal server that is not running yet (it starts with `startTemporal`). The seeded
 * subscriptions are cancelled, so that they stay out of the test's calendar: the starter relay skips cancelled ones. The
 * mitras bill no activation invoice, so that each new subscription's first invoice is its H-1 one (activation-invoice
 * calendars are walked in apps/worker/test/activation.e2e.spec.ts).
 */
export async function startLiveTestApp(): Promise<LiveTestApp> {
  const port = await freePort();
  const t = await startTestApp({
    temporalAddress: `127.0.0.1:${port}`,
    prepare: async (dataSource) => {
      await dataSource.query(`UPDATE subscriptions SET status = 'cancelled'`);
      await dataSource.query(`UPDATE tenants SET activation_billing = 'none'`);
      return undefined;
    },
  });
  return {
    t,
    port,
    startTemporal: (startAt) =>
      startLiveTemporal({ server: { path: devServerBinPath(), port, extraArgs: searchAttributeServerArgs() }, workerEnv: { DATABASE_URL: t.database.url }, startAt }),
  };
}
