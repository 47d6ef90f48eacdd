import { Invoice, NetworkActionLog, NotificationLog } from '@lunas/persistence';
import type { SubscriptionFixture } from '@lunas/persistence/testing';
import { SmtpInbox, WorkerProcess } from '@lunas/testing';
import { createBillingActivities } from '../src/activities/billing-activities';
import { subscriber } from './support/billing-database';
import { CALENDAR_MESSAGES, expectCalendarRecordedOnce, runDunningCalendar, startSubscriptions } from './support/dunning-calendar';
import { startNetworkLab, type NetworkLab } from './support/network-lab';
import { wib } from './support/temporal';
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
// unsuspend, suspend at cancel) is a real Disconnect-Request: each must reach the NAS exactly once. Each message goes
// out by email to a real SMTP server (WhatsApp is not paired): each must arrive exactly once.
describe(createBillingActivities.name, () => {
  let rig: WorkerRig;
  let worker: WorkerProcess;
  let lab: NetworkLab;
  const inbox = new SmtpInbox();

  beforeAll(async () => {
    rig = await startWorkerRig();
    lab = await startNetworkLab(rig.db);
    const smtp = await inbox.start();
    worker = new WorkerProcess({ ...rig.workerEnv, SMTP_URL: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await lab?.stop();
    await inbox.stop();
    await rig?.close();
  });

  it('finishes every workflow with each effect recorded exactly once although the worker died during every activity type', async () => {
    let restarting: Promise<void> | undefined;
    const calendar = new VirtualCalendar(rig.server, () => restarting === undefined);
    calendar.set(wib('2027-04-01 10:00'));
    const subscriptions: SubscriptionFixture[] = [];
    // WhatsApp and email agreed; WhatsApp is not paired, so each message falls back to email (the real SMTP channel).
    for (let i = 0; i < SUBSCRIPTIONS; i++) subscriptions.push(await subscriber(rig.db, { consent: { emailConsent: true, email: `pelanggan${i}@example.test` } }));
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
    await expectCalendarRecordedOnce(rig.db, subscriptions, { emailFallback: true });
    const m = rig.db.dataSource.manager;
    for (const [index, f] of subscriptions.entries()) {
      const sub = f.subscription.id;
      const network = await m.find(NetworkActionLog, { where: { subscriptionId: sub }, order: { createdAt: 'ASC' } });
      expect(network.map((row) => `${row.result}:${row.adapter}`)).toEqual(['applied:radius', 'applied:radius', 'applied:radius']);
      const cuts = lab.nas.events.filter((event) => event.userName === f.subscription.pppoeUsername && event.kind === 'disconnect');
      expect(cuts).toHaveLength(3);
      // Exactly one email per step arrived at the SMTP server, each with the invoice (or, once paid, receipt) PDF.
      const invoice = await m.findOneByOrFail(Invoice, { subscriptionId: sub });
      const sent = await m.findBy(NotificationLog, { subscriptionId: sub, status: 'sent' });
      const mails = inbox.mails.filter((mail) => mail.to === `pelanggan${index}@example.test`);
      expect(mails.map((mail) => mail.messageId).sort()).toEqual(sent.map((row) => row.providerMessageId).sort());
      expect(mails).toHaveLength(CALENDAR_MESSAGES.length);
      expect(mails.map((mail) => mail.attachments.map((file) => file.filename))).toEqual(
        CALENDAR_MESSAGES.map((step) => [`${step === 'payment_received' || step === 'unsuspended' ? 'nota' : 'tagihan'}-${invoice.number}.pdf`]),
      );
    }
  }, 240_000);
});
