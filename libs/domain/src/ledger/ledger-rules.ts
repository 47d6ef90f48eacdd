/**
 * The money rules of the ledger (integer rupiah): what an invoice's figures imply, and how money received,
 * taken back or written off splits between invoices and the customer's credit. Pure; the booking in
 * `@lunas/persistence` (ledger) applies them in SQL, so every path books by the same rules.
 */

/** An invoice's status as its payments imply it (a voided invoice is `void` regardless). */
export type SettlementStatus = 'unpaid' | 'partial' | 'paid';
export type LedgerInvoiceStatus = SettlementStatus | 'void';

export interface InvoiceFigures {
  readonly total: number;
  readonly amountPaid: number;
  readonly status: LedgerInvoiceStatus;
}

/** `paid` once nothing is left (a zero invoice included), `partial` when something was paid, else `unpaid`. */
export function settlementStatus(total: number, amountPaid: number): SettlementStatus {
  if (amountPaid >= total) return 'paid';
  return amountPaid > 0 ? 'partial' : 'unpaid';
}

/** What is still owed on an invoice (0 when void). */
export function outstandingOf(invoice: InvoiceFigures): number {
  return invoice.status === 'void' ? 0 : Math.max(0, invoice.total - invoice.amountPaid);
}

/** Money received for an invoice: the part that pays it (up to what it owes), the rest becomes credit. */
export function splitReceipt(amount: number, outstanding: number): { allocated: number; overpayment: number } {
  const allocated = Math.max(0, Math.min(amount, outstanding));
  return { allocated, overpayment: amount - allocated };
}

/** Credit spent on an invoice: as much of the credit held as it owes. */
export function creditToApply(credit: number, outstanding: number): number {
  return Math.max(0, Math.min(credit, outstanding));
}

export interface ReversalInput {
  /** Taken back (refund, chargeback). */
  readonly amount: number;
  /** What the payment still pays on the invoice. */
  readonly allocated: number;
  readonly invoice: InvoiceFigures;
  /** The customer's credit now. */
  readonly credit: number;
  /** A refund (the customer's wish) may come out of credit; a chargeback (the bank's decision) reverses the payment. */
  readonly kind: 'refund' | 'chargeback';
}

/**
 * Where money taken back from a payment comes from. A refund of a payment on a paid invoice comes out of the
 * customer's credit when the credit covers all of it (the invoice stays paid); otherwise — a chargeback, an
 * invoice still open, or too little credit — it comes first out of what the payment paid on the invoice (its
 * balance reopens) and the rest out of credit (the payment's overpayment). A void invoice owes nothing and its
 * payments became credit when it was voided: all of it comes out of credit.
 */
export function splitReversal({ amount, allocated, invoice, credit, kind }: ReversalInput): { fromInvoice: number; fromCredit: number } {
  if (invoice.status === 'void') return { fromInvoice: 0, fromCredit: amount };
  if (kind === 'refund' && invoice.status === 'paid' && credit >= amount) return { fromInvoice: 0, fromCredit: amount };
  const fromInvoice = Math.max(0, Math.min(amount, allocated, invoice.amountPaid));
  return { fromInvoice, fromCredit: amount - fromInvoice };
}

/**
 * An invoice's total lowered to `total` (a waived late fee): what stays paid on it, and the excess paid
 * before, which becomes credit.
 */
export function lowerTotal(invoice: InvoiceFigures, total: number): { amountPaid: number; status: SettlementStatus; excess: number } {
  const amountPaid = Math.min(invoice.amountPaid, total);
  return { amountPaid, status: settlementStatus(total, amountPaid), excess: invoice.amountPaid - amountPaid };
}

/** A customer's account in figures (integer rupiah), each summed over all its invoices, payments and credit. */
export interface AccountFigures {
  /** Invoice totals as issued, plus late fees charged since. */
  readonly billed: number;
  /** Late fees written off. */
  readonly waived: number;
  /** Totals of voided invoices (as they stood when voided). */
  readonly voided: number;
  /** Money received. */
  readonly paid: number;
  /** Money given back: refunds and chargebacks. */
  readonly refunded: number;
  /** Still owed on invoices that are not void. */
  readonly outstanding: number;
  /** The customer's credit. */
  readonly credit: number;
}

/**
 * How far the account is from the ledger's invariant, billed − waived − voided = paid − refunded +
 * outstanding − credit; 0 when it holds (to the rupiah).
 */
export function accountDiscrepancy(a: AccountFigures): number {
  return a.billed - a.waived - a.voided - (a.paid - a.refunded + a.outstanding - a.credit);
}

/** Credit a customer holds, by where it came from (`subscriptionId` null: the account as a whole). */
export interface CreditSource {
  readonly subscriptionId: string | null;
  readonly credit: number;
}

/** Credit taken from one source. */
export interface CreditDraw {
  readonly subscriptionId: string | null;
  readonly amount: number;
}

/**
 * Takes up to `amount` of a customer's credit for something of subscription `forSubscriptionId`: its own
 * credit first, then the account's, then the other subscriptions' in the order given. Sources at or below
 * zero give nothing. The draws add up to min(amount, positive credit held).
 */
export function drawCredit(sources: readonly CreditSource[], forSubscriptionId: string, amount: number): CreditDraw[] {
  const rank = (source: CreditSource) => (source.subscriptionId === forSubscriptionId ? 0 : source.subscriptionId === null ? 1 : 2);
  const ordered = sources.map((source, i) => ({ source, i })).sort((a, b) => rank(a.source) - rank(b.source) || a.i - b.i);
  const draws: CreditDraw[] = [];
  let left = Math.max(0, amount);
  for (const { source } of ordered) {
    const take = Math.min(left, Math.max(0, source.credit));
    if (take > 0) draws.push({ subscriptionId: source.subscriptionId, amount: take });
    left -= take;
  }
  return draws;
}

/** The credit the customer holds: the sum over its sources. */
export function totalCredit(sources: readonly CreditSource[]): number {
  return sources.reduce((sum, source) => sum + source.credit, 0);
}
