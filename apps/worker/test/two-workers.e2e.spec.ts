import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS } from '@lunas/contracts';
import { startDevServer, type DevServer } from '@lunas/devserver';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { WorkerProcess } from '@lunas/testing';
import { billingDatabase, subscriber } from './support/billing-database';
import { expectCalendarRecordedOnce, runDunningCalendar, slowWrites, startSubscriptions } from './support/dunning-calendar';
import { bundleWorkflows, wib } from './support/temporal';
import { VirtualCalendar } from './support/virtual-calendar';

const SUBSCRIPTIONS = 8;

// Scale-out (issue 23, "Scale and faults"): two real worker processes poll the same task queue of an in-process
// time-skipping dev server and share the subscriptions' workflows and activities; once both have run activities, one
// is killed with SIGKILL while it runs one (writes take 20–50 ms, so the kill lands mid-activity) and is not restarted.
// Its workflow tasks (sticky queue) and activities come back after their timeouts and the other worker finishes every
// subscription's calendar (see `runDunningCalendar`), with each invoice, payment, message and network action in
// PostgreSQL exactly once.
describe('two worker processes on one task queue', () => {
  let server: DevServer;
  let db: TestDatabase;
  let workers: WorkerProcess[];
  let bundleDir: string;
  let client: Client;
  let connection: Connection;

  beforeAll(async () => {
    server = await startDevServer({
      port: 0,
      timeSkipping: true,
      searchAttributes: Object.fromEntries(LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => [name, String(type)])),
    });
    ({ db } = await billingDatabase());
    await slowWrites(db);
    bundleDir = await mkdtemp(path.join(tmpdir(), 'lunas-worker-bundle-'));
    const bundlePath = path.join(bundleDir, 'workflows.js');
    await writeFile(bundlePath, (await bundleWorkflows()).code);
    const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, WORKFLOW_BUNDLE_PATH: bundlePath, LOG_LEVEL: 'debug' };
    workers = [new WorkerProcess(env), new WorkerProcess(env)];
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers ?? []) await worker.stop();
    await connection?.close();
    await server?.close();
    await db?.destroy();
    if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
  });

  it('moves the killed worker’s work to the other one with nothing lost or doubled', async () => {
    const [doomed, survivor] = workers;
    const calendar = new VirtualCalendar(server);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) subscriptions.push(await subscriber(db));
    await Promise.all(workers.map((worker) => worker.start()));
    const handles = await startSubscriptions(client, subscriptions);

    let killedDuring: string | undefined;
    let killing: Promise<void> | undefined;
    const chaos = setInterval(() => {
      if (killing || doomed.activitiesStarted === 0 || survivor.activitiesStarted === 0) return;
      const [inFlight] = doomed.activitiesInFlight();
      if (!inFlight) return;
      killedDuring = inFlight;
      clearInterval(chaos);
      killing = doomed.kill();
    }, 5);
    try {
      await runDunningCalendar(db, calendar, subscriptions, handles);
    } finally {
      clearInterval(chaos);
      await killing;
    }

    expect(killedDuring).toBeDefined();
    expect(doomed.alive).toBe(false);
    expect(doomed.starts).toBe(1);
    expect(survivor.alive).toBe(true);
    await expectCalendarRecordedOnce(db, subscriptions);
  }, 240_000);
});
