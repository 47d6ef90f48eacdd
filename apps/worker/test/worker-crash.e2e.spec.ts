import { NetworkActionLog } from '@lunas/persistence';
import type { SubscriptionFixture } from '@lunas/persistence/testing';
import { WorkerProcess } from '@lunas/testing';
import { createBillingActivities } from '../src/activities/billing-activities';
import { subscriber } from './support/billing-database';
import { expectCalendarRecordedOnce, runDunningCalendar, startSubscriptions } from './support/dunning-calendar';
import { wib } from './support/temporal';
import { startNetworkLab, type NetworkLab } from './support/network-lab';
import { VirtualCalendar } from './support/virtual-calendar';
import { startWorkerRig, type WorkerRig } from './support/worker-rig';

/**
 * Every activity type the scenario runs (issueInvoice as a local activity); the worker is killed at least once while
 * each one is in flight, as its own log lines tell.
 */
const KILL_DURING = ['issueInvoice', 'notify', 'addLateFee', 'enforceNetwork', 'applyPayment', 'recordAudit', 'cancelSubscription'];
const SUBSCRIPTIONS = 3;

// Worker crash test: the real worker app runs as a child process against an in-process time-skipping dev server and
// a test database whose writes take 20–50 ms each, and is killed with SIGKILL while each activity type is in flight
// (a random 0–40 ms after its "Activity started" line, so sometimes before and sometimes after its database commit),
// then restarted. Calendar per subscription (billing
// day 5, Rp 100.000 + PPN = Rp 111.000): issued Sun 4 Apr 2027 06:00, reminders T+3 and T+7 (+ Rp 10.000 fee),
// warning T+14, suspended T+21 (Mon 26 Apr 09:00); paid Rp 121.000 on 27 Apr (unsuspended), then cancelled.
// Each subscriber is dialled in on the lab NAS through the real FreeRADIUS, so every network action (suspend,
// unsuspend, suspend at cancel) is a real Disconnect-Request: each must reach the NAS exactly once.
describe(createBillingActivities.name, () => {
  let rig: WorkerRig;
  let worker: WorkerProcess;
  let lab: NetworkLab;

  beforeAll(async () => {
    rig = await startWorkerRig();
    lab = await startNetworkLab(rig.db);
    worker = new WorkerProcess(rig.workerEnv);
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await lab?.stop();
    await rig?.close();
  });

  it('finishes every workflow with each effect recorded exactly once although the worker died during every activity type', async () => {
    let restarting: Promise<void> | undefined;
    const calendar = new VirtualCalendar(rig.server, () => restarting === undefined);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) subscriptions.push(await subscriber(rig.db));
    for (const f of subscriptions) await lab.connect(f);
    await worker.start();
    const handles = await startSubscriptions(rig.client, subscriptions);

    const killedDuring = new Set<string>();
    const chaos = setInterval(() => {
      if (restarting || !worker.alive) return;
      const target = worker.activitiesInFlight().find((type) => !killedDuring.has(type));
      if (!target) return;
      killedDuring.add(target);
      restarting = (async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 40)));
        await worker.kill();
        await worker.start();
      })().finally(() => (restarting = undefined));
    }, 10);
    try {
      await runDunningCalendar(rig.db, calendar, subscriptions, handles);
    } finally {
      clearInterval(chaos);
      await restarting;
    }

    expect([...killedDuring].sort()).toEqual([...KILL_DURING].sort());
    expect(worker.starts).toBe(KILL_DURING.length + 1);
    await expectCalendarRecordedOnce(rig.db, subscriptions);
    for (const f of subscriptions) {
      const network = await rig.db.dataSource.manager.find(NetworkActionLog, { where: { subscriptionId: f.subscription.id }, order: { createdAt: 'ASC' } });
      expect(network.map((row) => `${row.result}:${row.adapter}`)).toEqual(['applied:radius', 'applied:radius', 'applied:radius']);
      const cuts = lab.nas.events.filter((event) => event.userName === f.subscription.pppoeUsername && event.kind === 'disconnect');
      expect(cuts).toHaveLength(3);
    }
  }, 240_000);
});
