/**
 * The browser test's world: the embedded Temporal server executable in its time-skipping form with its Web UI on its
 * own port (namespace `lunas`, Lunas search attributes), the real worker app (`apps/worker/src/main.ts`: the real
 * subscription workflow and activities) on a test PostgreSQL, the real client and Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { freePort, startLiveTemporal, type LiveTemporal } from '@lunas/testing';
import { Client } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { Browser, chromium } from 'playwright-core';

export const NAMESPACE = 'lunas';
/** Chromium from the Debian `chromium` package. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots go here (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/temporal-ui');

export interface World {
  uiUrl: string;
  client: Client;
  db: TestDatabase;
  live: LiveTemporal;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts everything with the server's virtual clock at `startAt` (epoch ms). */
export async function startWorld(startAt: number): Promise<World> {
  mkdirSync(ARTIFACTS, { recursive: true });
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
  });
  const uiPort = await freePort();
  const db = await createTestDatabase();
  const live = await startLiveTemporal({
    server: { path: devServerBinPath(), extraArgs: ['--ui-port', String(uiPort), '--namespace', NAMESPACE, ...searchAttributeServerArgs()] },
    workerEnv: { DATABASE_URL: db.url, TEMPORAL_NAMESPACE: NAMESPACE },
    startAt,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  return {
    uiUrl: `http://127.0.0.1:${uiPort}`,
    client: new Client({ connection: live.env.connection, namespace: NAMESPACE }),
    db,
    live,
    browser,
    close: async () => {
      await browser.close();
      await live.close();
      await db.destroy();
    },
  };
}
