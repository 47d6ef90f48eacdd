import { subscriptionWorkflowId } from '@lunas/contracts';
import { createTestDatabase, insertInvoice, insertSubscription, type SubscriptionFixture, type TestDatabase } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { LedgerBatch, type LedgerInvoice, type LedgerPayment } from './ledger-batch';
import { DEFAULT_PAYMENT_RELAY_OPTIONS, PaymentSignalRelay } from './payment-signal.relay';
import type { OutboxSignal, PaymentSignalSender } from './payment-signal.sender';

/** Records what it sends, or fails like an unreachable Temporal while `down`. */
class Recorder implements PaymentSignalSender {
  readonly sent: Array<{ workflowId: string } & OutboxSignal> = [];
  down = false;

  async send(workflowId: string, signal: OutboxSignal): Promise<void> {
    if (this.down) throw new Error('14 UNAVAILABLE');
    this.sent.push({ workflowId, ...signal });
  }
}

async function eventually(check: () => Promise<void> | void): Promise<void> {
  for (let deadline = Date.now() + 5_000; ; ) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Medium tests: the outbox relay on a real, migrated PostgreSQL with a recording sender. */
describe(PaymentSignalRelay.name, () => {
  let db: TestDatabase;
  let f: SubscriptionFixture;
  let workflowId: string;
  let period = 0;
  const sender = new Recorder();
  let relay: PaymentSignalRelay;
  const statusOf = async (ids: readonly string[]) =>
    ((await db.dataSource.query(`SELECT status FROM payment_signals WHERE id = ANY($1::uuid[]) ORDER BY seq`, [ids])) as Array<{ status: string }>).map((row) => row.status);
  /** Writes, in one batch, what `work` queues on a new invoice; returns the new outbox rows. */
  const write = (work: (batch: LedgerBatch, invoice: LedgerInvoice, payment: LedgerPayment) => void) =>
    db.dataSource.transaction(async (m) => {
      const invoice = await insertInvoice(m, f, `2032-${String(++period).padStart(2, '0')}`);
      const batch = new LedgerBatch(30_000);
      const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
      const paid = batch.createPayment({
        tenantId: f.tenant.id, invoiceId: invoice.id, customerId: f.customer.id, gateway: 'manual', gatewayTransactionId: `manual:${randomUUID()}`,
        method: 'cash', amount: 166_500, status: 'succeeded', paidAt: new Date('2032-01-10T10:00:00+07:00'),
      });
      work(batch, locked, paid);
      return { ...(await batch.flush(m)), invoice: locked, payment: paid };
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    f = await insertSubscription(db.dataSource.manager);
    workflowId = subscriptionWorkflowId(f.tenant.id, f.subscription.id);
    relay = new PaymentSignalRelay(db.dataSource, sender, { ...DEFAULT_PAYMENT_RELAY_OPTIONS, baseBackoffMs: 50, maxBackoffMs: 50, enabled: false });
  });
  afterAll(async () => {
    await relay.onApplicationShutdown();
    await db.destroy();
  });
  beforeEach(() => {
    sender.down = false;
    sender.sent.length = 0;
  });

  describe('dispatch', () => {
    it('sends each outbox row as the signal of its kind, in the order written, and marks it forwarded once', async () => {
      const reopening = randomUUID();
      const { signalIds, invoice, payment } = await write((batch, invoice, payment) => {
        batch.receive(payment, invoice, 'kasir');
        batch.reverse(payment, invoice, 66_500, 'Salah catat', null, { eventId: reopening, reason: 'refund' });
      });

      relay.dispatch(signalIds);

      await eventually(async () => expect(await statusOf(signalIds)).toEqual(['forwarded', 'forwarded']));
      expect(sender.sent).toEqual([
        { workflowId, kind: 'payment_received', payload: { paymentId: payment.id, invoiceId: invoice.id, amount: 166_500, paidAt: payment.paidAt?.getTime(), source: 'kasir' } },
        { workflowId, kind: 'balance_reopened', payload: { eventId: reopening, invoiceId: invoice.id, balance: 66_500, reason: 'refund' } },
      ]);
      relay.dispatch(signalIds);
      expect(await relay.relayDue()).toBe(0);
      expect(sender.sent).toHaveLength(2);
    });

    it('leaves a row whose workflow has an earlier row waiting for a retry to the poller, which sends both in order', async () => {
      sender.down = true;
      const first = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));
      relay.dispatch(first.signalIds);
      await eventually(async () => {
        const [row]: Array<{ last_error: string | null }> = await db.dataSource.query(`SELECT last_error FROM payment_signals WHERE id = $1`, [first.signalIds[0]]);
        expect(row.last_error).toBe('14 UNAVAILABLE');
      });
      sender.down = false;
      const second = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));

      relay.dispatch(second.signalIds);
      await eventually(async () => {
        const [row]: Array<{ attempts: number; due: boolean }> = await db.dataSource.query(`SELECT attempts, next_attempt_at <= now() AS due FROM payment_signals WHERE id = $1`, [second.signalIds[0]]);
        expect(row).toEqual({ attempts: 0, due: true });
      });
      expect(sender.sent).toEqual([]);

      await eventually(async () => expect(await relay.relayDue()).toBe(2));
      expect(sender.sent.map((s) => (s.payload as { paymentId: string }).paymentId)).toEqual([first.payment.id, second.payment.id]);
      expect(await statusOf([...first.signalIds, ...second.signalIds])).toEqual(['forwarded', 'forwarded']);
    });
  });
});
