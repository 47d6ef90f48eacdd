/** An open (unpaid or partly paid) invoice that a payment may settle. */
export interface OpenInvoice {
  readonly invoiceId: string;
  /** The invoice number printed on the bill and sent to gateways as order id, e.g. INV-2026-08-0001. */
  readonly invoiceNumber: string;
  readonly customerId: string;
  /** The customer's code printed on bills (payers often put it in a transfer note), e.g. PLG-000123. */
  readonly customerCode?: string;
  /** Integer rupiah still due. */
  readonly amountDue: number;
  /** Calendar dates (YYYY-MM-DD, Asia/Jakarta). */
  readonly issuedOn: string;
  readonly dueOn: string;
  /** References of gateway payments created for this invoice (gateway transaction ids). */
  readonly gatewayReferences?: readonly string[];
  /** The customer's static virtual-account numbers. */
  readonly customerVaNumbers?: readonly string[];
}

/** A payment to place: from a gateway event, a bank-statement row or a kasir entry. */
export interface PaymentToMatch {
  /** Gateway transaction id. */
  readonly gatewayReference?: string;
  /** Our invoice number as the gateway echoed it (order id / external id / merchant ref). */
  readonly invoiceRef?: string;
  readonly vaNumber?: string;
  readonly customerId?: string;
  /** Free text (bank transfer description) searched for invoice numbers and customer codes. */
  readonly text?: string;
  /** Integer rupiah. */
  readonly amount: number;
  /** YYYY-MM-DD, Asia/Jakarta. */
  readonly paidOn: string;
}

/** How a payment found its invoice; `operator`: a person matched it from the reconciliation queue. */
export type MatchRule = 'gateway_reference' | 'invoice_reference' | 'va_number' | 'amount_customer_date' | 'operator';

export type MatchResult =
  | { readonly status: 'matched'; readonly rule: MatchRule; readonly invoiceId: string; readonly reason: string }
  | { readonly status: 'ambiguous'; readonly rule: MatchRule; readonly candidateInvoiceIds: readonly string[]; readonly reason: string }
  | { readonly status: 'unmatched'; readonly reason: string };

export interface MatchOptions {
  /**
   * Days before the issue date a payment may still be meant for the invoice (customers paying the
   * announced amount early). Default 7.
   */
  readonly daysBeforeIssue?: number;
  /**
   * Days after the due date a payment is still attributed to the invoice: the dunning ladder suspends
   * at T+21 and customers pay to be reconnected, so 30 days covers it with a week to spare. Default 30.
   */
  readonly daysAfterDue?: number;
}

/**
 * Auto-match rules, first that applies wins, and the rule is recorded with the result:
 * 1. gateway reference / echoed invoice number → that invoice;
 * 2. an invoice number written in the transfer text → that invoice;
 * 3. VA number → the owning customer's oldest open invoice;
 * 4. amount equal to the amount due + the customer (known, or named by code in the text) + date window.
 * Several candidates → ambiguous (Finance decides); none → unmatched. Reasons are Indonesian.
 */
export function matchPayment(payment: PaymentToMatch, invoices: readonly OpenInvoice[], options: MatchOptions = {}): MatchResult {
  return (
    byGatewayReference(payment, invoices) ??
    byInvoiceNumberInText(payment, invoices) ??
    byVaNumber(payment, invoices) ??
    byAmountCustomerDate(payment, invoices, options)
  );
}

function decide(rule: MatchRule, candidates: readonly OpenInvoice[], matched: string, ambiguous: string): MatchResult | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return { status: 'matched', rule, invoiceId: candidates[0].invoiceId, reason: matched };
  return { status: 'ambiguous', rule, candidateInvoiceIds: candidates.map((invoice) => invoice.invoiceId), reason: ambiguous };
}

function byGatewayReference(payment: PaymentToMatch, invoices: readonly OpenInvoice[]): MatchResult | undefined {
  const { gatewayReference, invoiceRef } = payment;
  const candidates = invoices.filter(
    (invoice) => (gatewayReference !== undefined && invoice.gatewayReferences?.includes(gatewayReference)) || (invoiceRef !== undefined && invoice.invoiceNumber === invoiceRef),
  );
  return decide('gateway_reference', candidates, `Referensi gateway cocok dengan tagihan ${candidates[0]?.invoiceNumber}`, 'Referensi gateway cocok dengan lebih dari satu tagihan');
}

function byInvoiceNumberInText(payment: PaymentToMatch, invoices: readonly OpenInvoice[]): MatchResult | undefined {
  const candidates = invoices.filter((invoice) => mentions(payment.text, invoice.invoiceNumber));
  return decide('invoice_reference', candidates, `Nomor tagihan ${candidates[0]?.invoiceNumber} tertulis di keterangan`, 'Keterangan menyebut lebih dari satu nomor tagihan');
}

function byVaNumber(payment: PaymentToMatch, invoices: readonly OpenInvoice[]): MatchResult | undefined {
  const { vaNumber } = payment;
  if (vaNumber === undefined) return undefined;
  const owned = invoices.filter((invoice) => invoice.customerVaNumbers?.includes(vaNumber));
  if (owned.length === 0) return undefined;
  const customers = new Set(owned.map((invoice) => invoice.customerId));
  if (customers.size > 1) {
    return { status: 'ambiguous', rule: 'va_number', candidateInvoiceIds: owned.map((invoice) => invoice.invoiceId), reason: `Nomor VA ${vaNumber} terdaftar pada lebih dari satu pelanggan` };
  }
  const oldest = [...owned].sort(byAge)[0];
  return { status: 'matched', rule: 'va_number', invoiceId: oldest.invoiceId, reason: `Nomor VA ${vaNumber}: tagihan terbuka tertua pelanggan (${oldest.invoiceNumber})` };
}

function byAmountCustomerDate(payment: PaymentToMatch, invoices: readonly OpenInvoice[], options: MatchOptions): MatchResult {
  const before = options.daysBeforeIssue ?? 7;
  const after = options.daysAfterDue ?? 30;
  const paidDay = dayNumber(payment.paidOn);
  const fitting = invoices.filter(
    (invoice) => invoice.amountDue === payment.amount && paidDay >= dayNumber(invoice.issuedOn) - before && paidDay <= dayNumber(invoice.dueOn) + after,
  );
  const customers = payment.customerId
    ? [payment.customerId]
    : [...new Set(invoices.filter((invoice) => invoice.customerCode && mentions(payment.text, invoice.customerCode)).map((invoice) => invoice.customerId))];
  const rupiah = payment.amount.toLocaleString('id-ID');
  if (customers.length === 0) {
    if (fitting.length === 0) return { status: 'unmatched', reason: `Tidak ada tagihan terbuka sebesar Rp${rupiah} pada rentang tanggal ini` };
    return {
      status: 'ambiguous',
      rule: 'amount_customer_date',
      candidateInvoiceIds: fitting.map((invoice) => invoice.invoiceId),
      reason: `Pelanggan tidak dapat dipastikan; ${fitting.length} tagihan sebesar Rp${rupiah} cocok dengan tanggalnya`,
    };
  }
  if (customers.length > 1) {
    return { status: 'ambiguous', rule: 'amount_customer_date', candidateInvoiceIds: fitting.map((invoice) => invoice.invoiceId), reason: 'Keterangan menyebut lebih dari satu kode pelanggan' };
  }
  const own = fitting.filter((invoice) => invoice.customerId === customers[0]);
  return (
    decide('amount_customer_date', own, `Jumlah Rp${rupiah}, pelanggan dan tanggal cocok dengan tagihan ${own[0]?.invoiceNumber}`, `Lebih dari satu tagihan pelanggan sebesar Rp${rupiah} pada rentang tanggal ini`) ?? {
      status: 'unmatched',
      reason: `Pelanggan ditemukan, tetapi tidak ada tagihan terbukanya sebesar Rp${rupiah} pada rentang tanggal ini`,
    }
  );
}

/** Whole-token, case-insensitive mention (INV-1 does not match inside INV-10). */
function mentions(text: string | undefined, token: string): boolean {
  if (!text || !token) return false;
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`, 'i').test(text);
}

function byAge(a: OpenInvoice, b: OpenInvoice): number {
  return a.issuedOn.localeCompare(b.issuedOn) || a.dueOn.localeCompare(b.dueOn) || a.invoiceNumber.localeCompare(b.invoiceNumber);
}

function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}
