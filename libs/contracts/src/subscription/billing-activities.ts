import type { InvoiceStatus } from '../invoice-status';
import type { ActivationBilling, DunningPolicy, Instant, IsoDate, PeriodKey, Rupiah } from '@lunas/domain';
import type { Actor, PendingInvoiceLine, PaymentReceived } from './subscription-workflow.types';

/** Notification templates the workflow sends (texts in Bahasa Indonesia live with the notification adapter). */
export const NOTIFICATION_TEMPLATES = [
  'invoice_issued',
  'payment_reminder_1',
  'payment_reminder_2',
  'late_fee',
  'suspend_warning',
  'suspended',
  'unsuspended',
  'payment_received',
  'promise_to_pay',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** Codes of business refusals (non-retryable `ApplicationFailure` types) thrown by billing activities. */
export const BillingRefusal = {
  SubscriptionNotFound: 'SUBSCRIPTION_NOT_FOUND',
  PackageNotFound: 'PACKAGE_NOT_FOUND',
  InvoiceNotFound: 'INVOICE_NOT_FOUND',
  InvoiceVoid: 'INVOICE_VOID',
  PaymentInvoiceMismatch: 'PAYMENT_INVOICE_MISMATCH',
  InvalidAmount: 'INVALID_AMOUNT',
} as const;
export type BillingRefusalCode = (typeof BillingRefusal)[keyof typeof BillingRefusal];

export interface IssueInvoiceInput {
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  packageId: string;
  billingDay: number;
  period: PeriodKey;
  /** Workflow time of issuance (epoch ms). */
  issuedAt: Instant;
  /** Extra lines (proration) carried by the workflow. */
  extraLines: PendingInvoiceLine[];
  /**
   * The activation invoice of a new subscription: `period` is the period billed in advance, and the invoice also
   * bills the first period from `date` (see `activationPeriods`), falling due on `dueDate`.
   */
  activation?: { date: IsoDate; billing: Exclude<ActivationBilling, 'none'>; dueDate: IsoDate };
}

export interface IssuedInvoice {
  invoiceId: string;
  number: string;
  period: PeriodKey;
  dueDate: IsoDate;
  /** Invoice total (after discount, with PPN). */
  total: Rupiah;
  /** Customer credit used on this invoice. */
  creditApplied: Rupiah;
  /** Still to pay: total − credit applied. */
  balance: Rupiah;
  /** The subscription's own credit left for later invoices (the customer may hold more through other subscriptions). */
  creditRemaining: Rupiah;
  /** Credit of other subscriptions of the customer this invoice spent (absent or empty: none). */
  creditAllocations?: CreditAllocated[];
  payLink: string;
  /** False when the invoice already existed (a retry): nothing new was written. */
  created: boolean;
  /**
   * The tenant's active dunning policy now (absent when it has none). The workflow adopts a newer version at the
   * start of the cycle, so a version whose `applyPolicy` signal never arrived takes effect one cycle later.
   */
  activePolicy?: DunningPolicy;
}

/** Credit of another subscription of the same customer spent on an invoice (a `credit_allocations` row). */
export interface CreditAllocated {
  fromSubscriptionId: string;
  amount: Rupiah;
}

export interface ApplyPaymentInput {
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  payment: PaymentReceived;
}

export interface AppliedPayment {
  /** False when this payment id was applied before: nothing changed. */
  applied: boolean;
  invoiceId: string;
  /** Part of the payment that went to the invoice. */
  allocated: Rupiah;
  /** Part that exceeded the balance and became credit. */
  overpayment: Rupiah;
  invoiceBalance: Rupiah;
  invoiceStatus: InvoiceStatus;
  /** The subscription's credit after this payment. */
  credit: Rupiah;
}

export interface LateFeeInput {
  tenantId: string;
  invoiceId: string;
  amount: Rupiah;
  description: string;
}

export interface InvoiceBalance {
  invoiceId: string;
  balance: Rupiah;
  lateFee: Rupiah;
  status: InvoiceStatus;
  /** The subscription's credit after the change (a void or waiver turns what was paid beyond the total into credit). */
  credit?: Rupiah;
}

export interface VoidInvoiceInput {
  tenantId: string;
  /** The subscription the invoice must belong to (absent in activities scheduled before it was sent). */
  subscriptionId?: string;
  invoiceId: string;
  actor: Actor;
  reason: string;
}

export interface NotifyInput {
  tenantId: string;
  subscriptionId: string;
  customerId: string;
  invoiceId?: string;
  template: NotificationTemplate;
  /** Values for the template: invoice number, amounts (integer rupiah), dates (ISO), pay link. */
  vars: Record<string, string | number>;
  /** Derived from the workflow: `<subscription>:<period>:<template>` etc. A repeat is a no-op. */
  idempotencyKey: string;
}

export interface NotifyResult {
  /**
   * `sent`: delivered; `simulated`: a local stand-in adapter recorded it and nothing reached the customer;
   * `skipped`: no consent; `duplicate`: this key was handled before; `failed`: no channel could deliver (WhatsApp
   * not paired, no email settings), the reasons are in the message log for the operators.
   */
  status: 'sent' | 'simulated' | 'skipped' | 'duplicate' | 'failed';
  /** The adapter that handled the message (absent when skipped). */
  adapter?: string;
}

export interface NetworkActionInput {
  tenantId: string;
  subscriptionId: string;
  action: 'suspend' | 'unsuspend';
  idempotencyKey: string;
  /** Dunning step id or `manual`. */
  trigger: string;
  actor?: Actor;
  reason?: string;
  at: Instant;
}

export interface NetworkActionResult {
  /**
   * `applied`: the network changed; `simulated`: a local stand-in adapter recorded it and the network was not
   * touched; `skipped`: the subscription is cancelled; `duplicate`: this key was handled before.
   */
  result: 'applied' | 'simulated' | 'skipped' | 'duplicate';
  /** The adapter that handled the action (absent when skipped). */
  adapter?: string;
}

export interface ChangePackageInput {
  tenantId: string;
  subscriptionId: string;
  fromPackageId: string;
  toPackageId: string;
  /** `now`: the subscription's package changes at once; `next_cycle`: only the prices are read. */
  mode: 'now' | 'next_cycle';
  actor: Actor;
  reason: string;
  idempotencyKey: string;
}

export interface PackagePrices {
  oldMonthlyAmount: Rupiah;
  newMonthlyAmount: Rupiah;
  oldName: string;
  newName: string;
}

export interface CancelInput {
  tenantId: string;
  subscriptionId: string;
  at: Instant;
  actor: Actor;
  reason: string;
}

export interface AuditInput {
  tenantId: string;
  subscriptionId: string;
  action: string;
  actor: Actor;
  reason: string;
  detail: Record<string, unknown>;
  idempotencyKey: string;
}

/**
 * Activities of the subscription workflow. Every one is idempotent: invoice per (subscription, period),
 * payment per payment id, late fee per invoice, messages and network actions per idempotency key.
 * Business refusals are non-retryable `ApplicationFailure`s typed with a {@link BillingRefusal} code.
 */
export interface BillingActivities {
  issueInvoice(input: IssueInvoiceInput): Promise<IssuedInvoice>;
  applyPayment(input: ApplyPaymentInput): Promise<AppliedPayment>;
  addLateFee(input: LateFeeInput): Promise<InvoiceBalance>;
  waiveLateFee(input: { tenantId: string; invoiceId: string; actor: Actor; reason: string }): Promise<InvoiceBalance>;
  voidInvoice(input: VoidInvoiceInput): Promise<InvoiceBalance>;
  /** The credit the subscription holds now (after credit moved to or from another subscription). */
  creditOf(input: { tenantId: string; subscriptionId: string }): Promise<Rupiah>;
  notify(input: NotifyInput): Promise<NotifyResult>;
  enforceNetwork(input: NetworkActionInput): Promise<NetworkActionResult>;
  changePackage(input: ChangePackageInput): Promise<PackagePrices>;
  cancelSubscription(input: CancelInput): Promise<void>;
  recordAudit(input: AuditInput): Promise<void>;
}
