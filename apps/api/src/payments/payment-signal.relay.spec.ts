import { subscriptionWorkflowId } from '@lunas/contracts';
import { createTestDatabase, insertInvoice, insertSubscription, type SubscriptionFixture, type TestDatabase } from '@lunas/persistence/testing';
import { LedgerBatch, type LedgerInvoice, type LedgerPayment, type OutboxSignal } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DEFAULT_PAYMENT_RELAY_OPTIONS, PaymentSignalRelay } from './payment-signal.relay';
import type { PaymentSignalSender } from './payment-signal.sender';

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
  const statusOf = async (invoiceIds: readonly string[]) =>
    ((await db.dataSource.query(`SELECT status FROM payment_signals WHERE payload->>'invoiceId' = ANY($1::text[]) ORDER BY seq`, [invoiceIds])) as Array<{ status: string }>).map((row) => row.status);
  const signalOf = async (invoiceId: string): Promise<{ attempts: number; due: boolean; last_error: string | null }> =>
    (await db.dataSource.query(`SELECT attempts, next_attempt_at <= now() AS due, last_error FROM payment_signals WHERE payload->>'invoiceId' = $1`, [invoiceId]))[0];
  /** Writes, in one batch, what `work` queues on a new invoice; returns the new outbox rows. */
  const write = (work: (batch: LedgerBatch, invoice: LedgerInvoice, payment: LedgerPayment, m: EntityManager) => unknown) =>
    db.dataSource.transaction(async (m) => {
      const invoice = await insertInvoice(m, f, `2032-${String(++period).padStart(2, '0')}`);
      const batch = new LedgerBatch(30_000);
      const locked = (await batch.lockInvoice(m, invoice.id)) as LedgerInvoice;
      const paid = batch.createPayment({
        tenantId: f.tenant.id, invoiceId: invoice.id, customerId: f.customer.id, gateway: 'manual', gatewayTransactionId: `manual:${randomUUID()}`,
        method: 'cash', amount: 166_500, status: 'succeeded', paidAt: new Date('2032-01-10T10:00:00+07:00'),
      });
      await work(batch, locked, paid, m);
      return { claimed: await batch.flush(m), invoice: locked, payment: paid };
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
      const { claimed, invoice, payment } = await write((batch, invoice, payment, m) => {
        batch.receive(payment, invoice, 'kasir');
        return batch.reverse(m, payment, invoice, 66_500, 'Salah catat', null, { eventId: reopening, reason: 'refund' });
      });

      relay.dispatch(claimed);

      await eventually(async () => expect(await statusOf([invoice.id])).toEqual(['forwarded', 'forwarded']));
      expect(sender.sent).toEqual([
        { workflowId, kind: 'payment_received', payload: { paymentId: payment.id, invoiceId: invoice.id, amount: 166_500, paidAt: payment.paidAt?.getTime(), source: 'kasir' } },
        { workflowId, kind: 'balance_reopened', payload: { eventId: reopening, invoiceId: invoice.id, balance: 66_500, reason: 'refund' } },
      ]);
      expect(await relay.relayDue()).toBe(0);
      expect(sender.sent).toHaveLength(2);
    });

    it('leaves a new row whose workflow has an earlier row waiting for a retry to the poller, which sends both in order', async () => {
      sender.down = true;
      const first = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));
      relay.dispatch(first.claimed);
      await eventually(async () => expect(await signalOf(first.invoice.id)).toMatchObject({ last_error: '14 UNAVAILABLE' }));
      sender.down = false;

      const second = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));

      expect(second.claimed).toEqual([]);
      expect(await signalOf(second.invoice.id)).toEqual({ attempts: 0, due: true, last_error: null });
      await eventually(async () => expect(await relay.relayDue()).toBe(2));
      expect(sender.sent.map((s) => (s.payload as { paymentId: string }).paymentId)).toEqual([first.payment.id, second.payment.id]);
      expect(await statusOf([first.invoice.id, second.invoice.id])).toEqual(['forwarded', 'forwarded']);
    });

    it('writes the forwarded marks still waiting for a booking when it shuts down', async () => {
      const waiting = new PaymentSignalRelay(db.dataSource, sender, { ...DEFAULT_PAYMENT_RELAY_OPTIONS, forwardedMarkDelayMs: 60_000, enabled: false });
      const { claimed, invoice } = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));

      waiting.dispatch(claimed);
      await eventually(() => expect(sender.sent).toHaveLength(1));
      expect(await statusOf([invoice.id])).toEqual(['pending']);
      await waiting.onApplicationShutdown();

      expect(await statusOf([invoice.id])).toEqual(['forwarded']);
    });

    it('leaves a claimed row whose lease is half gone to the poller instead of sending it', async () => {
      const { claimed, invoice } = await write((batch, invoice, payment) => batch.receive(payment, invoice, 'kasir'));

      relay.dispatch(claimed.map((row) => ({ ...row, lease_ends_at: Date.now() + 10_000 })));
      await relay.onApplicationShutdown();

      expect(sender.sent).toEqual([]);
      expect(await signalOf(invoice.id)).toMatchObject({ attempts: 1, due: false });
    });
  });
});
