import type { SubscriptionFixture } from '@lunas/persistence/testing';
import { WorkerProcess } from '@lunas/testing';
import { subscriber } from './support/billing-database';
import { expectCalendarRecordedOnce, runDunningCalendar, startSubscriptions } from './support/dunning-calendar';
import { wib } from './support/temporal';
import { VirtualCalendar } from './support/virtual-calendar';
import { startWorkerRig, type WorkerRig } from './support/worker-rig';

const SUBSCRIPTIONS = 8;

// Scale-out (issue 23, "Scale and faults"): two real worker processes poll the same task queue of an in-process
// time-skipping dev server and share the subscriptions' workflows and activities; once both have run activities, one
// is killed with SIGKILL while it runs one (writes take 20–50 ms, so the kill lands mid-activity) and is not restarted.
// Its workflow tasks (sticky queue) and activities come back after their timeouts and the other worker finishes every
// subscription's calendar (see `runDunningCalendar`), with each invoice, payment, message and network action in
// PostgreSQL exactly once.
describe('two worker processes on one task queue', () => {
  let rig: WorkerRig;
  let workers: WorkerProcess[];

  beforeAll(async () => {
    rig = await startWorkerRig();
    workers = [new WorkerProcess(rig.workerEnv), new WorkerProcess(rig.workerEnv)];
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers ?? []) await worker.stop();
    await rig?.close();
  });

  it('moves the killed worker’s work to the other one with nothing lost or doubled', async () => {
    const [doomed, survivor] = workers;
    const calendar = new VirtualCalendar(rig.server);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) subscriptions.push(await subscriber(rig.db));
    await Promise.all(workers.map((worker) => worker.start()));
    const handles = await startSubscriptions(rig.client, subscriptions);

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
      await runDunningCalendar(rig.db, calendar, subscriptions, handles);
    } finally {
      clearInterval(chaos);
      await killing;
    }

    expect(killedDuring).toBeDefined();
    expect(doomed.alive).toBe(false);
    expect(doomed.starts).toBe(1);
    expect(survivor.alive).toBe(true);
    await expectCalendarRecordedOnce(rig.db, subscriptions);
  }, 240_000);
});
