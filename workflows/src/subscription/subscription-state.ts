import {
  addDaysToIsoDate,
  billingPeriod,
  DEFAULT_INVOICE_LEAD_TIME,
  type DunningInvoice,
  firstScheduledPeriod,
  type DunningPolicy,
  formatRupiah,
  type Instant,
  invoiceIssueTime,
  jakartaInstant,
  type PlanInput,
  previewPlan,
  upcomingInvoicePeriod,
} from '@lunas/domain';
import {
  carriedInvoiceStatus,
  isOutstandingStatus,
  type DunningStage,
  type InvoiceSnapshot,
  type SubscriptionCarriedState,
  type SubscriptionActivation,
  type SubscriptionRef,
  type SubscriptionWorkflowInput,
  type TimelineEntry,
} from '@lunas/contracts';

/** Timeline entries kept in state and returned by the `state` query. */
export const TIMELINE_LIMIT = 50;
/** Payment ids remembered to drop duplicate signals before they reach the (idempotent) activity. */
export const APPLIED_PAYMENT_IDS_LIMIT = 50;

/**
 * The state of a first run. A subscription billed at activation waits next for the first period its activation
 * invoice does not cover; one started without (older starts) for the next issue time from `now`.
 */
export function initialState(input: SubscriptionWorkflowInput, now: Instant, activation?: SubscriptionActivation): SubscriptionCarriedState {
  const { subscription } = input;
  const first = activation
    ? firstScheduledPeriod(subscription.billingDay, activation.date, now, leadTimeOf(subscription))
    : upcomingInvoicePeriod(subscription.billingDay, now, leadTimeOf(subscription));
  return {
    packageId: input.packageId,
    policy: input.policy,
    nextPeriod: first.key,
    arrears: [],
    suspended: false,
    credit: 0,
    dunningPaused: false,
    pendingLines: [],
    appliedPaymentIds: [],
    timeline: [],
    cycle: 0,
  };
}

export function leadTimeOf(subscription: SubscriptionRef) {
  return subscription.leadTime ?? DEFAULT_INVOICE_LEAD_TIME;
}

/** When the invoice of `state.nextPeriod` is issued. */
export function nextIssueAt(subscription: SubscriptionRef, state: SubscriptionCarriedState): Instant {
  return invoiceIssueTime(billingPeriod(subscription.billingDay, state.nextPeriod), leadTimeOf(subscription));
}

/** 00:00 WIB the day after the due date of `invoice` (an activation invoice falls due on the activation date). */
export function overdueInstant(invoice: InvoiceSnapshot): Instant {
  return jakartaInstant(addDaysToIsoDate(invoice.dueDate, 1));
}

/**
 * The state carried from the previous run. Runs before the one invoice status vocabulary carried `open` for an
 * invoice that owed something; it is read as `unpaid` or `partial`.
 */
export function readCarriedState(carried: SubscriptionCarriedState): SubscriptionCarriedState {
  const invoice = carried.current;
  if (!invoice) return carried;
  return { ...carried, current: { ...invoice, status: carriedInvoiceStatus(invoice.status, invoice.total + invoice.lateFee, invoice.balance) } };
}

export function isOpen(invoice: InvoiceSnapshot | undefined): invoice is InvoiceSnapshot {
  return invoice !== undefined && isOutstandingStatus(invoice.status) && invoice.balance > 0;
}

export function dunningInvoice(invoice: InvoiceSnapshot): DunningInvoice {
  return { dueDate: invoice.dueDate, total: invoice.total, balance: invoice.balance, status: isOutstandingStatus(invoice.status) ? 'open' : invoice.status };
}

/** What the planner needs for `invoice` under `policy` at `now`. */
export function planInput(
  state: SubscriptionCarriedState,
  invoice: InvoiceSnapshot,
  policy: DunningPolicy,
  now: Instant,
): PlanInput {
  const promise = state.promise?.invoiceId === invoice.invoiceId ? { until: state.promise.until } : undefined;
  return {
    policy,
    invoice: dunningInvoice(invoice),
    completedStepIds: invoice.completedStepIds,
    promise,
    paused: state.dunningPaused,
    suspended: state.suspended,
    lateFeeCharged: invoice.lateFeeSettled,
    catchUp: invoice.catchUp,
    now,
  };
}

/**
 * Step ids of `policy` whose time has already come for `invoice` at `now`: when a new policy is applied mid-flight,
 * these belong to the past (the old policy covered that stretch) and are not run late.
 */
export function stepsAlreadyPast(policy: DunningPolicy, invoice: InvoiceSnapshot, now: Instant): string[] {
  const fromTheStart: PlanInput = {
    policy,
    invoice: dunningInvoice({ ...invoice, status: 'unpaid', balance: Math.max(invoice.balance, 1) }),
    completedStepIds: [],
    now: Number.MIN_SAFE_INTEGER,
  };
  return previewPlan(fromTheStart, now).flatMap((run) => run.stepIds);
}

export function totalBalance(state: SubscriptionCarriedState): number {
  const current = state.current && isOutstandingStatus(state.current.status) ? state.current.balance : 0;
  return current + state.arrears.reduce((sum, invoice) => sum + invoice.balance, 0);
}

/** The dunning stage shown in the console and as `LunasDunningStage`. */
export function stageOf(state: SubscriptionCarriedState, now: Instant): DunningStage {
  if (state.cancellation && state.cancellation.at <= now) return 'cancelled';
  if (state.suspended) return 'suspended';
  const invoice = state.current;
  if (!invoice) return 'waiting';
  if (invoice.status === 'void') return 'waiting';
  if (!isOpen(invoice)) return 'paid';
  if (state.dunningPaused) return 'paused';
  if (state.promise && state.promise.invoiceId === invoice.invoiceId && state.promise.until > now) return 'promised';
  const ranTypes = new Set(
    state.policy.steps
      .filter((step) => invoice.completedStepIds.includes(step.id))
      .flatMap((step) => step.actions.map((action) => action.type)),
  );
  if (ranTypes.has('suspend_warning')) return 'warned';
  const reminded = invoice.completedStepIds.some((id) => {
    const step = state.policy.steps.find((candidate) => candidate.id === id);
    return step !== undefined && step.dayOffset > 0;
  });
  return reminded ? 'reminded' : 'issued';
}

export function appendTimeline(state: SubscriptionCarriedState, entry: TimelineEntry): void {
  state.timeline.push(entry);
  if (state.timeline.length > TIMELINE_LIMIT) state.timeline.splice(0, state.timeline.length - TIMELINE_LIMIT);
}

export function rememberPayment(state: SubscriptionCarriedState, paymentId: string): void {
  state.appliedPaymentIds.push(paymentId);
  if (state.appliedPaymentIds.length > APPLIED_PAYMENT_IDS_LIMIT) {
    state.appliedPaymentIds.splice(0, state.appliedPaymentIds.length - APPLIED_PAYMENT_IDS_LIMIT);
  }
}

/** `Rp 111.000` for messages. */
export const rupiah = formatRupiah;
