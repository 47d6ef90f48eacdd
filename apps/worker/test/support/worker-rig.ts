import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS } from '@lunas/contracts';
import { startDevServer, type DevServer } from '@lunas/devserver';
import type { TestDatabase } from '@lunas/persistence/testing';
import { billingDatabase } from './billing-database';
import { slowWrites } from './dunning-calendar';
import { bundleWorkflows } from './temporal';

/** What the worker-process tests run on: an in-process time-skipping dev server, a slow-writing database, the bundle. */
export interface WorkerRig {
  server: DevServer;
  db: TestDatabase;
  client: Client;
  /** Environment of a `WorkerProcess` on this rig (debug log level, so that it can tell the activities in flight). */
  workerEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorkerRig(): Promise<WorkerRig> {
  const server = await startDevServer({
    port: 0,
    timeSkipping: true,
    searchAttributes: Object.fromEntries(LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => [name, String(type)])),
  });
  const { db } = await billingDatabase();
  await slowWrites(db);
  const bundleDir = await mkdtemp(path.join(tmpdir(), 'lunas-worker-bundle-'));
  const bundlePath = path.join(bundleDir, 'workflows.js');
  await writeFile(bundlePath, (await bundleWorkflows()).code);
  const connection = await Connection.connect({ address: server.address });
  return {
    server,
    db,
    client: new Client({ connection }),
    workerEnv: { DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, WORKFLOW_BUNDLE_PATH: bundlePath, LOG_LEVEL: 'debug' },
    close: async () => {
      await connection.close();
      await server.close();
      await db.destroy();
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}
