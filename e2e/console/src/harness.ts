/**
 * The console test's world: a fresh migrated and seeded PostgreSQL, the embedded Temporal server (time-skipping form,
 * Lunas search attributes) with the real worker app, the real API app as a child process (the way `npm start` runs
 * it) serving the production console build and its sandbox payment gateway, and Debian's Chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { seedDatabase } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { eventually, freePort, startLiveTemporal, type LiveTemporal } from '@lunas/testing';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { Browser, chromium } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../../..');
/** Chromium from the Debian `chromium` package. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots go here (git-ignored). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/console');
/** The production build of the console (`nx run console:build`, a dependency of this project's test target). */
export const CONSOLE_DIST = path.join(ROOT, 'dist/apps/console/browser');

export interface World {
  baseUrl: string;
  db: TestDatabase;
  live: LiveTemporal;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  mkdirSync(ARTIFACTS, { recursive: true });
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
  });
  const db = await createTestDatabase();
  await seedDatabase(db.dataSource);
  // The seeded subscriptions stay out of the way (the starter relay skips cancelled ones); a new subscription's
  // first invoice is issued at once for the whole first month, so the loop needs no virtual-time travel.
  await db.dataSource.query(`UPDATE subscriptions SET status = 'cancelled'`);
  await db.dataSource.query(`UPDATE tenants SET activation_billing = 'full_month'`);
  const live = await startLiveTemporal({
    server: { path: devServerBinPath(), extraArgs: searchAttributeServerArgs() },
    workerEnv: { DATABASE_URL: db.url },
    startAt: Date.now(),
  });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = await startApi({
    PORT: String(port),
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: live.env.address,
    CONSOLE_DIST,
    PUBLIC_BASE_URL: baseUrl,
    LUNAS_DEMO: 'false',
    LOG_LEVEL: 'warn',
  }, baseUrl);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    baseUrl,
    db,
    live,
    browser,
    close: async () => {
      await browser.close();
      await stop(api);
      await live.close();
      await db.destroy();
    },
  };
}

/** The API app (`apps/api/src/main.ts`) as a child process; resolves once `/health` answers. */
async function startApi(env: Record<string, string>, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output}`);
      const health = await fetch(`${baseUrl}/health`).catch(() => null);
      if (!health) throw new Error(`API not listening yet:\n${output}`);
    }, 90_000, 500);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
