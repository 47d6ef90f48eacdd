import type { InvoiceStatus } from '../invoice-status';
import type { ActivationBilling, CatchUp, DunningActionType, DunningPolicy, Instant, InvoiceLeadTime, InvoicedPeriodProration, IsoDate, PeriodKey, Rupiah } from '@lunas/domain';

/** Who did something by hand, for the timeline and the audit log. */
export interface Actor {
  userId: string;
  name: string;
}

/** Every operator action carries who did it and why. */
export interface ManualAction {
  actor: Actor;
  reason: string;
}

/** Fixed facts about the subscription the workflow bills. */
export interface SubscriptionRef {
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  /** Day of month 1–28 the period starts and the prepaid invoice falls due. */
  billingDay: number;
  /** When the invoice of a period is issued; default H-1 06:00 WIB. */
  leadTime?: InvoiceLeadTime;
}

/** Where the customer pays; `invoice_issued` and reminders carry it. */
export type PaymentSource = 'gateway' | 'kasir' | 'bank_import';

/** The invoice being chased, as the workflow knows it. */
export interface InvoiceSnapshot {
  invoiceId: string;
  number: string;
  period: PeriodKey;
  /** ISO date (Asia/Jakarta) the invoice falls due: T+0 of the ladder. */
  dueDate: IsoDate;
  /** Total with PPN, before any late fee: the basis of a percentage fee. */
  total: Rupiah;
  /** Late fee added to the invoice (0 when none). */
  lateFee: Rupiah;
  /** Still to pay, late fee included. */
  balance: Rupiah;
  status: InvoiceStatus;
  payLink?: string;
  /** Ladder steps already run for this invoice. */
  completedStepIds: string[];
  /** A late fee was charged or waived on this invoice: never again. */
  lateFeeSettled: boolean;
  /** Messages already sent for this invoice (idempotency key suffixes): a template is never sent twice. */
  notices: string[];
  /** Promises made for this invoice (kept or broken). */
  promises: { until: Instant; madeAt: Instant }[];
  /** Set when the workflow missed a step's moment (worker outage, clock jump): the ladder is re-planned from then. */
  catchUp?: CatchUp;
}

export type DunningStage =
  | 'waiting'
  | 'issued'
  | 'reminded'
  | 'warned'
  | 'suspended'
  | 'promised'
  | 'paused'
  | 'paid'
  | 'cancelled';

/** What moved the workflow: the calendar, the customer, an operator or the system. */
export type TimelineTrigger = 'schedule' | 'payment' | 'operator' | 'system';

export interface TimelineEntry {
  /** Epoch ms. */
  at: Instant;
  /** Machine-readable kind, e.g. `invoice_issued`, `reminder`, `late_fee`, `suspended`, `payment_applied`. */
  kind: string;
  trigger: TimelineTrigger;
  /** One line in Bahasa Indonesia for the console. */
  message: string;
  actor?: Actor;
  amount?: Rupiah;
}

/** A line the next invoice must carry (proration of a package change). */
export interface PendingInvoiceLine {
  kind: 'proration';
  description: string;
  amount: Rupiah;
}

/** A change of package that takes effect when the next period is issued. */
export interface ScheduledPackageChange {
  packageId: string;
  requestedAt: Instant;
}

/**
 * Everything the workflow carries from one run to the next through continue-as-new. Plain JSON: instants
 * are epoch ms numbers, dates ISO strings.
 */
export interface SubscriptionCarriedState {
  packageId: string;
  policy: DunningPolicy;
  /** A new policy version waiting for the next cycle. */
  pendingPolicy?: DunningPolicy;
  /** The period whose invoice is issued next. */
  nextPeriod: PeriodKey;
  current?: InvoiceSnapshot;
  /** Older invoices still open (with a balance) when a newer one was issued. */
  arrears: { invoiceId: string; number: string; balance: Rupiah }[];
  suspended: boolean;
  /** Customer credit (overpayment) the next invoice uses, as last reported by the billing records. */
  credit: Rupiah;
  dunningPaused: boolean;
  promise?: { until: Instant; invoiceId: string };
  overdueSince?: Instant;
  scheduledPackageChange?: ScheduledPackageChange;
  pendingLines: PendingInvoiceLine[];
  /** Payment ids already applied (last 50): duplicates of a signal change nothing. */
  appliedPaymentIds: string[];
  timeline: TimelineEntry[];
  cancellation?: { at: Instant; mode: CancelMode };
  /** Cycles completed since the workflow started (one per continue-as-new). */
  cycle: number;
  /** First service day an invoice of this subscription covers (absent until the first invoice, and in older runs). */
  billedFrom?: IsoDate;
}

/** A new subscription's activation date and its mitra's activation billing at the time it was created. */
export interface SubscriptionActivation {
  date: IsoDate;
  billing: ActivationBilling;
}

export interface SubscriptionWorkflowInput {
  subscription: SubscriptionRef;
  /** First run: the package and the tenant's current policy. */
  packageId: string;
  policy: DunningPolicy;
  /** Set by continue-as-new; absent on the first run. */
  carried?: SubscriptionCarriedState;
  /**
   * Without `carried`: the instant the first state is computed from (default: the start of the run). A first run
   * restarted after it failed starts from the failed run's start, so that the period it was issuing is not skipped.
   */
  startedAt?: Instant;
  /** First run of a new subscription: the activation invoice (`activation-invoice` patch; absent in older starts). */
  activation?: SubscriptionActivation;
}

/** Answer of the `state` query. */
export interface SubscriptionWorkflowState {
  stage: DunningStage;
  suspended: boolean;
  cancelled: boolean;
  dunningPaused: boolean;
  packageId: string;
  nextPeriod: PeriodKey;
  nextInvoiceAt: Instant;
  currentInvoice?: InvoiceSnapshot;
  /** Current balance plus arrears. */
  balance: Rupiah;
  credit: Rupiah;
  nextStep?: { stepId: string; actions: DunningActionType[]; at: Instant };
  promise?: { until: Instant; invoiceId: string };
  policyVersion: number;
  pendingPolicyVersion?: number;
  overdueSince?: Instant;
  cycle: number;
  /** The last 50 entries, oldest first. */
  timeline: TimelineEntry[];
}

/** One run of the `preview` query's plan. */
export interface PreviewStep {
  stepId: string;
  stepIds: string[];
  actions: DunningActionType[];
  at: Instant;
}

export interface PaymentReceived {
  /** Lunas payment id (unique per gateway transaction): the idempotency key of the application. */
  paymentId: string;
  invoiceId: string;
  amount: Rupiah;
  /** Epoch ms. */
  paidAt: Instant;
  source: PaymentSource;
}

/** Money taken back after an invoice was paid (refund or chargeback): the invoice owes `balance` again. */
export interface BalanceReopened {
  /** Gateway event or credit note id: the idempotency key (a repeat changes nothing). */
  eventId: string;
  invoiceId: string;
  /** What the invoice owes after the reversal, rupiah. */
  balance: Rupiah;
  reason: 'refund' | 'chargeback';
  /** Part of the refund taken from the customer's credit instead (the invoice stayed paid for it); absent: none. */
  fromCredit?: Rupiah;
}

/**
 * Credit of this subscription spent on an invoice or a refund of another subscription of the same customer (an
 * allocation): the giving subscription is told, so that it no longer counts the credit and its timeline shows where
 * it went.
 */
export interface CreditMoved {
  /** The allocation's idempotency key: the invoice or credit note it paid, with the giving subscription. */
  eventId: string;
  amount: Rupiah;
  /** The subscription the credit went to. */
  toSubscriptionId: string;
  /** What it paid: an invoice number or a credit note number. */
  paid: string;
}

export interface PromiseToPayRequest extends ManualAction {
  /** ISO date (Asia/Jakarta) by which the customer promises to pay. */
  until: IsoDate;
  /** Allows a promise beyond the policy's count per invoice (the day limit still applies). */
  adminOverride?: boolean;
}

export interface PromiseToPayAccepted {
  invoiceId: string;
  /** Epoch ms the promise expires: 00:00 WIB after the promised date. */
  until: Instant;
}

export type PackageChangeMode = 'next_cycle' | 'now';

export interface ChangePackageRequest extends ManualAction {
  packageId: string;
  mode: PackageChangeMode;
}

export interface ChangePackageResult {
  mode: PackageChangeMode;
  fromPackageId: string;
  toPackageId: string;
  oldMonthlyAmount: Rupiah;
  newMonthlyAmount: Rupiah;
  /**
   * Proration of `now` changes (absent for `next_cycle`) over the periods already invoiced from `effectiveDate` on
   * (none before the first invoice); `net` goes onto the next invoice.
   */
  proration?: {
    effectiveDate: IsoDate;
    net: Rupiah;
    periods: InvoicedPeriodProration[];
  };
  /** Period whose invoice first bills the new package (`next_cycle`) or carries the proration (`now`). */
  appliesToPeriod: PeriodKey;
}

export type CancelMode = 'end_of_period' | 'now';

export interface CancelSubscriptionRequest extends ManualAction {
  mode: CancelMode;
}

export type PolicyApplyMode = 'next_cycle' | 'now';

export interface ApplyPolicyRequest {
  /** A validated policy version (validateDunningPolicy). */
  policy: DunningPolicy;
  mode: PolicyApplyMode;
  actor: Actor;
}

export interface VoidInvoiceRequest extends ManualAction {
  invoiceId: string;
}

/** What an operator asks of the workflow through the `operatorAction` update (the API's subscription actions). */
export type OperatorActionRequest =
  | ({ action: 'suspend' | 'unsuspend' | 'pause-dunning' | 'resume-dunning' | 'waive-fee' } & ManualAction)
  | ({ action: 'void-invoice' } & VoidInvoiceRequest)
  | ({ action: 'cancel' } & CancelSubscriptionRequest);

/**
 * Codes of the refusals that mean "this would change nothing" or "the subscription's state does not allow it" (HTTP
 * 409): the workflow's update validators judge them from its state, so they hold under concurrent requests too.
 */
export const StateConflict = {
  AlreadySuspended: 'ALREADY_SUSPENDED',
  NotSuspended: 'NOT_SUSPENDED',
  DunningAlreadyPaused: 'DUNNING_ALREADY_PAUSED',
  DunningNotPaused: 'DUNNING_NOT_PAUSED',
  NoOpenInvoice: 'NO_OPEN_INVOICE',
  InvoicePaid: 'INVOICE_PAID',
  LateFeeAlreadyWaived: 'LATE_FEE_ALREADY_WAIVED',
  InvoiceAlreadyVoid: 'INVOICE_ALREADY_VOID',
  SubscriptionCancelled: 'SUBSCRIPTION_CANCELLED',
  SamePackage: 'SAME_PACKAGE',
} as const;
export type StateConflictCode = (typeof StateConflict)[keyof typeof StateConflict];

/** Why a workflow run ended for good. */
export interface SubscriptionWorkflowResult {
  cancelledAt: Instant;
  cycles: number;
}


/** Operator: issue the invoice of the subscription's next period now instead of at its issue time (H-1 06:00 WIB). */
export interface IssueNextInvoiceRequest {
  /**
   * The period the operator means; without it, the period due next on the workflow's clock (`nextDuePeriod`). A request
   * for any other period than the workflow's next one is skipped: two invoices for one period never exist.
   */
  period?: PeriodKey;
  actor: Actor;
}

/**
 * Why a manual issue issued nothing: the period was invoiced already (by the schedule or an earlier request), it is
 * not the subscription's next period, the subscription is cancelled, or it is isolated under a policy that stops
 * billing while isolated.
 */
export type ManualIssueSkipReason = 'already_invoiced' | 'not_next_period' | 'cancelled' | 'isolated';

/** What a manual issue did for one subscription. */
export type ManualIssueOutcome =
  | { status: 'issued'; period: PeriodKey; invoiceNumber: string; total: Rupiah }
  | { status: 'skipped'; period: PeriodKey; reason: ManualIssueSkipReason }
  | { status: 'failed'; period: PeriodKey; message: string };
