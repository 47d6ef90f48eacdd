/**
 * The browser test's world: the dev server executable as `npm start` runs it (bundle, Web UI on its own
 * port, Lunas search attributes), a real SDK worker, the real client and Debian's Chromium.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { freePort } from '@lunas/testing';
import * as path from 'node:path';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Browser, chromium } from 'playwright-core';
import * as activities from './fixtures/activities';

export const NAMESPACE = 'lunas';
export const TASK_QUEUE = 'ui-e2e';
/** Chromium from the Debian `chromium` package. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots go here (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/temporal-ui');

const CONTRACTS = path.resolve(__dirname, '../../../libs/contracts/src/index.ts');

export interface World {
  uiUrl: string;
  client: Client;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the dev server executable and waits for both its gRPC and Web UI lines. */
async function startDevServer(port: number, uiPort: number): Promise<ChildProcess> {
  const child = spawn(
    devServerBinPath(),
    ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort), '--namespace', NAMESPACE, ...searchAttributeServerArgs()],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server not up within 30 s:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`dev server exited (${code}):\n${output}`)));
    const check = setInterval(() => {
      if (output.includes('Temporal Web UI on')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
  });
  return child;
}

export async function startWorld(): Promise<World> {
  mkdirSync(ARTIFACTS, { recursive: true });
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
  });
  const [port, uiPort] = [await freePort(), await freePort()];
  const server = await startDevServer(port, uiPort);
  const address = `127.0.0.1:${port}`;
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/workflows'),
      logger: new DefaultLogger('ERROR'),
      // The workflow imports the search attribute keys from @lunas/contracts (a tsconfig path alias).
      webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), '@lunas/contracts$': CONTRACTS } } }),
    }),
    activities,
  });
  const workerRun = worker.run();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  return {
    uiUrl: `http://127.0.0.1:${uiPort}`,
    client: new Client({ connection, namespace: NAMESPACE }),
    browser,
    close: async () => {
      await browser.close();
      worker.shutdown();
      await workerRun;
      await nativeConnection.close();
      await connection.close();
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}
