import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { BILLING_TASK_QUEUE, cancelSubscriptionSignal, paymentReceivedSignal, subscriptionWorkflowId } from '@lunas/contracts';
import { AuditLog, Invoice, InvoiceItem, NetworkActionLog, NotificationLog, PaymentAllocation, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { wib } from './temporal';
import type { VirtualCalendar } from './virtual-calendar';

const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };

/** Tables the billing activities write in {@link runDunningCalendar}. */
export const WRITTEN_TABLES = ['invoices', 'invoice_items', 'notification_log', 'network_action_log', 'payments', 'audit_log', 'subscriptions'];

/** Makes every write to {@link WRITTEN_TABLES} take 20–50 ms, so that a kill can land while an activity runs. */
export async function slowWrites(db: TestDatabase): Promise<void> {
  await db.dataSource.query(`CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_sleep(0.02 + random() * 0.03); RETURN NEW; END $$`);
  for (const table of WRITTEN_TABLES) {
    await db.dataSource.query(`CREATE TRIGGER slow_write BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION slow_write()`);
  }
}

/** Starts each subscription's workflow (billing day 5, default policy). */
export function startSubscriptions(client: Client, subscriptions: readonly SubscriptionFixture[]): Promise<WorkflowHandle[]> {
  return Promise.all(
    subscriptions.map((f) =>
      client.workflow.start('subscriptionWorkflow', {
        taskQueue: BILLING_TASK_QUEUE,
        workflowId: subscriptionWorkflowId(f.tenant.id, f.subscription.id),
        args: [{ subscription: { tenantId: f.tenant.id, subscriptionId: f.subscription.id, customerId: f.customer.id, billingDay: 5 }, packageId: f.pkg.id, policy: DEFAULT_DUNNING_POLICY }],
      }),
    ),
  );
}

/**
 * One dunning calendar per subscription (billing day 5, Rp 100.000 + PPN = Rp 111.000), driven on the virtual clock
 * from 1 Apr 2027: issued Sun 4 Apr 06:00, reminders T+3 and T+7 (+ Rp 10.000 fee), warning T+14, suspended T+21
 * (Mon 26 Apr 09:00); paid Rp 121.000 on 27 Apr, each payment signalled twice (unsuspended), then cancelled now.
 * Resolves once every workflow has completed.
 */
export async function runDunningCalendar(db: TestDatabase, calendar: VirtualCalendar, subscriptions: readonly SubscriptionFixture[], handles: readonly WorkflowHandle[]): Promise<void> {
  const ids = subscriptions.map((f) => f.subscription.id);
  const subscriptionsIn = (status: Subscription['status']) => db.dataSource.manager.count(Subscription, { where: ids.map((id) => ({ id, status })) });
  await calendar.runUntil(wib('2027-04-27 10:00'));
  await calendar.runUntilDone(async () => (await subscriptionsIn('suspended')) === ids.length, 60_000);
  const invoices = await db.dataSource.manager.findBy(Invoice, ids.map((subscriptionId) => ({ subscriptionId })));
  for (const [index, f] of subscriptions.entries()) {
    const invoiceId = invoices.find((row) => row.subscriptionId === f.subscription.id)?.id ?? 'missing';
    const payment = { paymentId: randomUUID(), invoiceId, amount: 121_000, paidAt: calendar.now(), source: 'gateway' as const };
    await handles[index].signal(paymentReceivedSignal, payment);
    await handles[index].signal(paymentReceivedSignal, payment);
  }
  await calendar.runUntilDone(async () => (await subscriptionsIn('active')) === ids.length, 60_000);
  for (const handle of handles) await handle.signal(cancelSubscriptionSignal, { mode: 'now', actor, reason: 'Pindah rumah' });
  await calendar.runUntilDone(async () => (await Promise.all(handles.map((handle) => handle.describe()))).every((run) => run.status.name === 'COMPLETED'), 60_000);
}

/** The customer messages of {@link runDunningCalendar}, one per step, in order. */
export const CALENDAR_MESSAGES = ['invoice_issued', 'payment_reminder_1', 'payment_reminder_2', 'suspend_warning', 'suspended', 'payment_received', 'unsuspended'];

/** The receipt and the restored-service message: started together (the restore never waits for the receipt). */
const STARTED_TOGETHER = ['payment_received', 'unsuspended'];

/**
 * `rows` (in logged order) with the rows of the receipt and of the restored-service message, which may be logged in
 * either order, put in calendar order within the places they took; every other row stays where it was.
 */
export function receiptBeforeRestore<T>(rows: readonly T[], templateOf: (row: T) => string): T[] {
  const places = rows.flatMap((row, i) => (STARTED_TOGETHER.includes(templateOf(row)) ? [i] : []));
  const together = places.map((i) => rows[i] as T).sort((a, b) => STARTED_TOGETHER.indexOf(templateOf(a)) - STARTED_TOGETHER.indexOf(templateOf(b)));
  const result = [...rows];
  places.forEach((place, k) => (result[place] = together[k] as T));
  return result;
}

/**
 * Each effect of {@link runDunningCalendar} is in PostgreSQL exactly once per subscription: nothing lost, nothing doubled.
 * With `emailFallback`, every message was tried on WhatsApp (not paired: failed) and then sent by email.
 */
export async function expectCalendarRecordedOnce(db: TestDatabase, subscriptions: readonly SubscriptionFixture[], options: { emailFallback?: boolean } = {}): Promise<void> {
  const m = db.dataSource.manager;
  for (const f of subscriptions) {
    const sub = f.subscription.id;
    const [invoice, ...more] = await m.findBy(Invoice, { subscriptionId: sub });
    expect(more).toHaveLength(0);
    expect(invoice).toMatchObject({ period: '2027-05', total: 121_000, amountPaid: 121_000, status: 'paid' });
    expect(await m.countBy(InvoiceItem, { invoiceId: invoice.id, kind: 'late_fee' })).toBe(1);
    expect(await m.countBy(PaymentAllocation, { invoiceId: invoice.id })).toBe(1);
    const messages = await m.find(NotificationLog, { where: { subscriptionId: sub }, order: { createdAt: 'ASC', channel: 'DESC' } });
    expect(receiptBeforeRestore(messages, (row) => row.template).map((row) => (options.emailFallback ? `${row.template}:${row.channel}:${row.status}` : row.template))).toEqual(
      options.emailFallback ? CALENDAR_MESSAGES.flatMap((step) => [`${step}:whatsapp:failed`, `${step}:email:sent`]) : CALENDAR_MESSAGES,
    );
    const network = await m.find(NetworkActionLog, { where: { subscriptionId: sub }, order: { createdAt: 'ASC' } });
    expect(network.map((row) => `${row.action}:${(row.detail as { trigger: string }).trigger}`)).toEqual(['suspend:suspend', 'unsuspend:payment', 'suspend:cancel']);
    expect((await m.findBy(AuditLog, { entityId: sub })).map((row) => row.action)).toEqual(['subscription.cancel']);
    expect(await m.findOneByOrFail(Subscription, { id: sub })).toMatchObject({ status: 'cancelled' });
  }
}
