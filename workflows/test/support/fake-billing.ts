import { ApplicationFailure } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import {
  billingPeriod,
  computeInvoiceTotals,
  drawCredit,
  dueDate,
  type DunningPolicy,
  formatInvoiceNumber,
  jakartaDateOf,
  type Instant,
} from '@lunas/domain';
import {
  type AppliedPayment,
  type BillingActivities,
  type CreditAllocated,
  BillingRefusal,
  type InvoiceBalance,
  type IssuedInvoice,
  type NotificationTemplate,
} from '@lunas/contracts';
import { SUBSCRIPTION } from './harness';

export interface FakePackage {
  name: string;
  monthlyAmount: number;
}

interface FakeInvoice {
  id: string;
  number: string;
  subscriptionId: string;
  customerId: string;
  period: string;
  lines: { kind: string; description: string; amount: number }[];
  total: number;
  lateFee: number;
  paid: number;
  void: boolean;
}

/** One outside effect, stamped with the workflow-calendar time the activity was scheduled at. */
export interface RecordedEffect {
  at: Instant;
  kind: 'notify' | 'suspend' | 'unsuspend';
  template?: NotificationTemplate;
  vars?: Record<string, string | number>;
  key: string;
}

/**
 * In-memory billing records and ports that keep the real activities' contract: one invoice per (subscription,
 * period), payments applied once per payment id, one late fee per invoice, effects once per idempotency key,
 * overpayment kept as credit of the subscription and used by the customer's next invoice (its own credit first, then
 * other subscriptions' as allocations).
 */
export class FakeBilling {
  readonly invoices = new Map<string, FakeInvoice>();
  readonly effects: RecordedEffect[] = [];
  readonly payments = new Map<string, AppliedPayment>();
  readonly audits: { action: string; reason: string }[] = [];
  readonly cancelled: string[] = [];
  readonly activityCalls: string[] = [];
  /** The tenant's active dunning policy as the records hold it (what publishing a version changes). */
  activePolicy: DunningPolicy | undefined;
  /** An error an activity throws instead of doing its work (a refusal, or a bug). */
  readonly faults: Partial<Record<keyof BillingActivities, Error>> = {};
  /** Work an activity waits for before it does its own (to hold it in flight while the test sends a message). */
  readonly holds: Partial<Record<keyof BillingActivities, Promise<void>>> = {};
  /** Credit by subscription, with the customer it belongs to. */
  private readonly credit = new Map<string, { customerId: string; amount: number }>();
  private readonly effectKeys = new Set<string>();
  private sequence = 0;

  constructor(
    readonly packages: Record<string, FakePackage>,
    private readonly discount = 0,
  ) {}

  notifications(template?: NotificationTemplate): RecordedEffect[] {
    return this.effects.filter((effect) => effect.kind === 'notify' && (!template || effect.template === template));
  }

  networkActions(): RecordedEffect[] {
    return this.effects.filter((effect) => effect.kind !== 'notify');
  }

  /** The credit a subscription holds. */
  creditOf(subscriptionId: string): number {
    return this.credit.get(subscriptionId)?.amount ?? 0;
  }

  /** Books credit on a subscription (what the API does for an overpayment or a refund out of credit). */
  addCredit(subscriptionId: string, customerId: string, amount: number): void {
    this.credit.set(subscriptionId, { customerId, amount: this.creditOf(subscriptionId) + amount });
  }

  /** What the API does before it signals `balanceReopened`: the money is taken back in the books. */
  reverse(invoiceId: string, amount: number): number {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw new Error(`no invoice ${invoiceId}`);
    invoice.paid -= amount;
    return this.balance(invoice);
  }

  invoiceFor(period: string): FakeInvoice | undefined {
    return [...this.invoices.values()].find((invoice) => invoice.period === period);
  }

  activities(): BillingActivities {
    const track = <T extends (...args: never[]) => Promise<unknown>>(name: keyof BillingActivities, fn: T): T =>
      (async (...args: never[]) => {
        this.activityCalls.push(name);
        const fault = this.faults[name];
        if (fault) throw fault;
        await this.holds[name];
        return fn(...args);
      }) as T;
    return {
      issueInvoice: track('issueInvoice', async (input) => {
        const existing = [...this.invoices.values()].find(
          (invoice) => invoice.subscriptionId === input.subscriptionId && invoice.period === input.period,
        );
        if (existing) return this.issued(existing, 0, false, input.billingDay, []);
        const pkg = this.packages[input.packageId];
        if (!pkg) throw ApplicationFailure.nonRetryable('Paket tidak ditemukan', BillingRefusal.PackageNotFound);
        const lines = [
          { kind: 'package', description: `${pkg.name} (${input.period})`, amount: pkg.monthlyAmount },
          ...input.extraLines,
        ];
        const totals = computeInvoiceTotals({ lineAmounts: lines.map((line) => line.amount), discount: this.discount });
        const issuedDate = jakartaDateOf(input.issuedAt);
        const invoice: FakeInvoice = {
          // The harness's subscription keeps the short ids the scenarios name; others' carry their subscription.
          id: input.subscriptionId === SUBSCRIPTION.subscriptionId ? `inv-${input.period}` : `inv-${input.subscriptionId}-${input.period}`,
          number: formatInvoiceNumber({ year: Number(issuedDate.slice(0, 4)), month: Number(issuedDate.slice(5, 7)), sequence: ++this.sequence }),
          subscriptionId: input.subscriptionId,
          customerId: input.customerId,
          period: input.period,
          lines,
          total: totals.total,
          lateFee: 0,
          paid: 0,
          void: false,
        };
        const sources = [...this.credit].filter(([, c]) => c.customerId === input.customerId).map(([subscriptionId, c]) => ({ subscriptionId, credit: c.amount }));
        const draws = drawCredit(sources, input.subscriptionId, invoice.total);
        const allocations: CreditAllocated[] = [];
        for (const draw of draws) {
          const from = draw.subscriptionId ?? input.subscriptionId;
          this.addCredit(from, input.customerId, -draw.amount);
          invoice.paid += draw.amount;
          if (from !== input.subscriptionId) allocations.push({ fromSubscriptionId: from, amount: draw.amount });
        }
        this.invoices.set(invoice.id, invoice);
        return this.issued(invoice, invoice.paid, true, input.billingDay, allocations);
      }),
      applyPayment: track('applyPayment', async ({ payment, customerId, subscriptionId }) => {
        const earlier = this.payments.get(payment.paymentId);
        if (earlier) return { ...earlier, applied: false };
        const invoice = this.invoice(payment.invoiceId);
        const allocated = Math.min(payment.amount, this.balance(invoice));
        invoice.paid += allocated;
        const overpayment = payment.amount - allocated;
        this.addCredit(subscriptionId, customerId, overpayment);
        const result: AppliedPayment = {
          applied: true,
          invoiceId: invoice.id,
          allocated,
          overpayment,
          invoiceBalance: this.balance(invoice),
          invoiceStatus: this.status(invoice),
          credit: this.creditOf(subscriptionId),
        };
        this.payments.set(payment.paymentId, result);
        return result;
      }),
      addLateFee: track('addLateFee', async ({ invoiceId, amount, description }) => {
        const invoice = this.invoice(invoiceId);
        if (invoice.lateFee === 0) {
          invoice.lateFee = amount;
          invoice.lines.push({ kind: 'late_fee', description, amount });
        }
        return this.balanceOf(invoice);
      }),
      waiveLateFee: track('waiveLateFee', async ({ invoiceId }) => {
        const invoice = this.invoice(invoiceId);
        invoice.lateFee = 0;
        invoice.lines = invoice.lines.filter((line) => line.kind !== 'late_fee');
        return this.balanceOf(invoice);
      }),
      voidInvoice: track('voidInvoice', async ({ invoiceId, subscriptionId }) => {
        const invoice = this.invoice(invoiceId);
        if (invoice.subscriptionId !== subscriptionId) {
          throw ApplicationFailure.nonRetryable(`Tagihan ${invoice.number} bukan milik langganan ini`, BillingRefusal.InvoiceNotFound);
        }
        invoice.void = true;
        return this.balanceOf(invoice);
      }),
      notify: track('notify', async ({ template, vars, idempotencyKey }) => {
        if (!this.once(idempotencyKey)) return { status: 'duplicate' };
        this.effects.push({ at: scheduledAt(), kind: 'notify', template, vars, key: idempotencyKey });
        return { status: 'sent' };
      }),
      enforceNetwork: track('enforceNetwork', async ({ action, idempotencyKey }) => {
        if (!this.once(idempotencyKey)) return { result: 'duplicate' };
        this.effects.push({ at: scheduledAt(), kind: action, key: idempotencyKey });
        return { result: 'applied' };
      }),
      changePackage: track('changePackage', async ({ fromPackageId, toPackageId }) => {
        const from = this.packages[fromPackageId];
        const to = this.packages[toPackageId];
        if (!from || !to) throw ApplicationFailure.nonRetryable('Paket tidak ditemukan', BillingRefusal.PackageNotFound);
        return { oldMonthlyAmount: from.monthlyAmount, newMonthlyAmount: to.monthlyAmount, oldName: from.name, newName: to.name };
      }),
      cancelSubscription: track('cancelSubscription', async ({ subscriptionId }) => {
        this.cancelled.push(subscriptionId);
      }),
      recordAudit: track('recordAudit', async ({ action, reason, idempotencyKey }) => {
        if (this.once(idempotencyKey)) this.audits.push({ action, reason });
      }),
      creditOf: track('creditOf', async ({ subscriptionId }) => this.creditOf(subscriptionId)),
    };
  }

  private once(key: string): boolean {
    if (this.effectKeys.has(key)) return false;
    this.effectKeys.add(key);
    return true;
  }

  private invoice(id: string): FakeInvoice {
    const invoice = this.invoices.get(id);
    if (!invoice) throw ApplicationFailure.nonRetryable('Tagihan tidak ditemukan', BillingRefusal.InvoiceNotFound);
    return invoice;
  }

  private balance(invoice: FakeInvoice): number {
    return invoice.void ? 0 : invoice.total + invoice.lateFee - invoice.paid;
  }

  private status(invoice: FakeInvoice): InvoiceBalance['status'] {
    if (invoice.void) return 'void';
    if (this.balance(invoice) <= 0) return 'paid';
    return invoice.paid > 0 ? 'partial' : 'unpaid';
  }

  private balanceOf(invoice: FakeInvoice): InvoiceBalance {
    return { invoiceId: invoice.id, balance: this.balance(invoice), lateFee: invoice.lateFee, status: this.status(invoice) };
  }

  private issued(invoice: FakeInvoice, creditApplied: number, created: boolean, billingDay: number, creditAllocations: CreditAllocated[]): IssuedInvoice {
    return {
      invoiceId: invoice.id,
      number: invoice.number,
      period: invoice.period,
      dueDate: dueDate(billingPeriod(billingDay, invoice.period)),
      total: invoice.total,
      creditApplied,
      balance: this.balance(invoice),
      creditRemaining: this.creditOf(invoice.subscriptionId),
      creditAllocations,
      payLink: `https://pay.lunas.test/${invoice.id}`,
      created,
      ...(this.activePolicy ? { activePolicy: this.activePolicy } : {}),
    };
  }
}

/** The workflow-calendar time the running activity was scheduled at (the time-skipping server's clock). */
function scheduledAt(): Instant {
  return Context.current().info.currentAttemptScheduledTimestampMs;
}
