import fc from 'fast-check';
import { type BillingActivities, subscriptionWorkflowId } from '@lunas/contracts';
import { accountDiscrepancy } from '@lunas/domain';
import { LedgerBatch, refundableOf, Subscription } from '@lunas/persistence';
import type { SubscriptionFixture, TestDatabase } from '@lunas/persistence/testing';
import { randomUUID } from 'node:crypto';
import { billingDatabase, issueInput, subscriber } from '../../../test/support/billing-database';

const actor = { userId: 'admin-1', name: 'Sari (Admin Billing)' };

const operation = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), sub: fc.nat({ max: 1 }) }),
  fc.record({ op: fc.constant('lateFee' as const), i: fc.nat({ max: 4 }), amount: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({ op: fc.constant('pay' as const), i: fc.nat({ max: 4 }), amount: fc.integer({ min: 1, max: 300_000 }) }),
  fc.record({ op: fc.constant('refund' as const), p: fc.nat({ max: 5 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('chargeback' as const), p: fc.nat({ max: 5 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('waive' as const), i: fc.nat({ max: 4 }) }),
  fc.record({ op: fc.constant('void' as const), i: fc.nat({ max: 4 }) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/**
 * Medium test: random sequences of invoices (two subscriptions of one customer, so credit moves between them),
 * payments, partial payments, refunds, chargebacks, late fees, waivers and voids, booked by the real activities and
 * the real ledger batch on a migrated PostgreSQL. After each sequence the account holds the ledger's invariant to the
 * rupiah, and the credit each subscription's workflow would carry (from the activities' answers and the signals the
 * ledger queued, as the workflow handles them) equals the credit the database gives that subscription.
 */
describe('ledger invariant on PostgreSQL', () => {
  let db: TestDatabase;
  let activities: BillingActivities;

  beforeAll(async () => {
    ({ db, activities } = await billingDatabase());
  });
  afterAll(() => db.destroy());

  /** One customer's account driven by the operations, with what the test itself knows (money in and out). */
  class Account {
    readonly subs: string[];
    readonly invoices: Array<{ id: string; subscriptionId: string; lateFee: number }> = [];
    readonly payments: string[] = [];
    /** What each subscription's workflow carries as `state.credit`. */
    readonly carried = new Map<string, number>();
    billed = 0;
    waived = 0;
    voided = 0;
    paid = 0;
    refunded = 0;
    private period = 0;

    constructor(readonly f: SubscriptionFixture, second: string) {
      this.subs = [f.subscription.id, second];
      for (const sub of this.subs) this.carried.set(sub, 0);
    }

    async run(o: Operation): Promise<void> {
      const { tenant, customer } = this.f;
      const invoice = 'i' in o ? this.invoices[o.i] : undefined;
      switch (o.op) {
        case 'issue': {
          const n = this.period++;
          const subscriptionId = this.subs[o.sub];
          const issued = await activities.issueInvoice(issueInput(this.f, { subscriptionId, period: `${2040 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}` }));
          this.billed += issued.total;
          this.invoices.push({ id: issued.invoiceId, subscriptionId, lateFee: 0 });
          this.carried.set(subscriptionId, issued.creditRemaining);
          for (const allocation of issued.creditAllocations ?? []) await this.refresh(allocation.fromSubscriptionId); // `creditMoved` to the giver
          return;
        }
        case 'lateFee': {
          if (!invoice) return;
          const result = await activities.addLateFee({ tenantId: tenant.id, invoiceId: invoice.id, amount: o.amount, description: 'Denda keterlambatan' });
          if (invoice.lateFee === 0 && result.lateFee > 0) this.billed += result.lateFee;
          invoice.lateFee = result.lateFee;
          return;
        }
        case 'pay': {
          if (!invoice) return;
          const paymentId = await db.dataSource.transaction(async (m) => {
            const batch = new LedgerBatch(30_000);
            const locked = await batch.lockInvoice(m, invoice.id);
            if (!locked || locked.status === 'void') return null;
            const payment = batch.createPayment({
              tenantId: tenant.id, invoiceId: invoice.id, customerId: customer.id, gateway: 'manual', gatewayTransactionId: `manual:${randomUUID()}`,
              method: 'cash', amount: o.amount, status: 'succeeded', paidAt: new Date(),
            });
            batch.receive(payment, locked, 'kasir');
            await batch.flush(m);
            return payment.id;
          });
          if (!paymentId) return;
          this.paid += o.amount;
          this.payments.push(paymentId);
          const applied = await activities.applyPayment({
            tenantId: tenant.id, subscriptionId: invoice.subscriptionId, customerId: customer.id,
            payment: { paymentId, invoiceId: invoice.id, amount: o.amount, paidAt: Date.now(), source: 'kasir' },
          });
          this.carried.set(invoice.subscriptionId, applied.credit);
          return;
        }
        case 'refund':
        case 'chargeback': {
          const paymentId = this.payments[o.p];
          if (!paymentId) return;
          const reversal = await db.dataSource.transaction(async (m) => {
            const batch = new LedgerBatch(30_000);
            await batch.lockPayments(m, [paymentId]);
            const payment = batch.payment(paymentId);
            const refundable = await refundableOf(m, paymentId);
            if (!payment?.invoiceId || refundable <= 0) return null;
            const locked = await batch.lockInvoice(m, payment.invoiceId);
            if (!locked) return null;
            const amount = Math.min(refundable, Math.max(1, Math.round(refundable * o.share)));
            const result = await batch.reverse(m, payment, locked, amount, 'Uji', null, { eventId: randomUUID(), reason: o.op });
            await batch.flush(m);
            return { amount, subscriptionId: locked.subscriptionId, ...result };
          });
          if (!reversal) return;
          this.refunded += reversal.amount;
          if (reversal.fromCredit > 0) await this.refresh(reversal.subscriptionId); // `balanceReopened` with `fromCredit`
          const moved: Array<{ workflow_id: string }> = await db.dataSource.query(
            `SELECT workflow_id FROM payment_signals WHERE kind = 'credit_moved' AND payload->>'eventId' LIKE $1`,
            [`${reversal.creditNoteId ?? 'none'}:%`],
          );
          for (const sub of this.subs) if (moved.some((row) => row.workflow_id === subscriptionWorkflowId(tenant.id, sub))) await this.refresh(sub);
          return;
        }
        case 'waive': {
          if (!invoice) return;
          const [row]: Array<{ status: string }> = await db.dataSource.query(`SELECT status FROM invoices WHERE id = $1`, [invoice.id]);
          const result = await activities.waiveLateFee({ tenantId: tenant.id, invoiceId: invoice.id, actor, reason: 'Uji' });
          if (row.status !== 'void') this.waived += invoice.lateFee;
          if (row.status !== 'void') invoice.lateFee = 0;
          if (result.credit !== undefined) this.carried.set(invoice.subscriptionId, result.credit);
          return;
        }
        case 'void': {
          if (!invoice) return;
          const [row]: Array<{ status: string; total: string }> = await db.dataSource.query(`SELECT status, total FROM invoices WHERE id = $1`, [invoice.id]);
          const result = await activities.voidInvoice({ tenantId: tenant.id, subscriptionId: invoice.subscriptionId, invoiceId: invoice.id, actor, reason: 'Uji' });
          if (row.status !== 'void') this.voided += Number(row.total);
          if (result.credit !== undefined) this.carried.set(invoice.subscriptionId, result.credit);
          return;
        }
      }
    }

    /** What the workflow does on `creditMoved` (and on a refund out of credit): reads its credit from the records. */
    private async refresh(subscriptionId: string): Promise<void> {
      this.carried.set(subscriptionId, await activities.creditOf({ tenantId: this.f.tenant.id, subscriptionId }));
    }
  }

  it('holds billed − waived − voided = paid − refunded + outstanding − credit, and every workflow\'s credit agrees with the database', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 4, maxLength: 14 }), async (operations) => {
        const f = await subscriber(db);
        const second = await db.dataSource.manager.save(Subscription, db.dataSource.manager.create(Subscription, {
          tenantId: f.tenant.id, customerId: f.customer.id, packageId: f.pkg.id, billingDay: 5, startedOn: '2026-01-01', pppoeUsername: `pppoe-${randomUUID().slice(0, 8)}`,
        }));
        const account = new Account(f, second.id);
        for (const o of operations) await account.run(o);

        const [figures]: Array<{ outstanding: string; credit: string }> = await db.dataSource.query(
          `SELECT (SELECT COALESCE(sum(total - amount_paid), 0) FROM invoices WHERE customer_id = $1 AND status <> 'void') AS outstanding,
                  (SELECT COALESCE(sum(amount), 0) FROM adjustments WHERE customer_id = $1) AS credit`,
          [f.customer.id],
        );
        const { billed, waived, voided, paid, refunded } = account;
        expect(accountDiscrepancy({ billed, waived, voided, paid, refunded, outstanding: Number(figures.outstanding), credit: Number(figures.credit) })).toBe(0);
        for (const sub of account.subs) {
          expect(account.carried.get(sub)).toBe(await activities.creditOf({ tenantId: f.tenant.id, subscriptionId: sub }));
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
