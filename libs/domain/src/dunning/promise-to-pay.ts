import { addDaysToIsoDate, type Instant, type IsoDate, isIsoDate, jakartaDateOf } from '../calendar';
import { type DunningInvoice, settledReason } from './invoice';
import type { DunningPolicy } from './policy';
import { jakartaInstantAt } from './wall-clock';

export type PromiseToPayErrorCode =
  | 'INVOICE_PAID'
  | 'INVOICE_VOID'
  | 'PROMISE_DISABLED'
  | 'PROMISE_DATE_INVALID'
  | 'PROMISE_DATE_IN_PAST'
  | 'PROMISE_DATE_TOO_FAR'
  | 'PROMISE_LIMIT_REACHED';

export interface PromiseToPayRequest {
  policy: DunningPolicy;
  invoice: DunningInvoice;
  /** Promises already made for this invoice (kept or broken). */
  existingPromises: readonly { until: Instant }[];
  /** The date (`YYYY-MM-DD`, Asia/Jakarta) by which the customer promises to pay. */
  requestedUntil: IsoDate;
  now: Instant;
  /** An admin may allow another promise beyond `maxPerInvoice`; the day limit still applies. */
  adminOverride?: boolean;
}

export type PromiseToPayValidation =
  | {
      ok: true;
      /** Instant the promise expires: midnight WIB after the promised date (the customer has that whole day). */
      until: Instant;
    }
  | { ok: false; code: PromiseToPayErrorCode; message: string };

/**
 * Checks a promise to pay (janji bayar) against the policy: the invoice must still be open, the date must be
 * today or later and at most `maxDaysAhead` calendar days after today (Asia/Jakarta), and the invoice may
 * have at most `maxPerInvoice` promises unless an admin overrides. Messages are in Bahasa Indonesia.
 */
export function validatePromise(request: PromiseToPayRequest): PromiseToPayValidation {
  const { policy, invoice, existingPromises, requestedUntil, now, adminOverride } = request;
  const { maxDaysAhead, maxPerInvoice } = policy.promiseToPay;
  const settled = settledReason(invoice);
  if (settled === 'paid') return refuse('INVOICE_PAID', 'Tagihan sudah lunas, janji bayar tidak diperlukan');
  if (settled === 'void') return refuse('INVOICE_VOID', 'Tagihan sudah dibatalkan, janji bayar tidak dapat dibuat');
  if (maxDaysAhead === 0) return refuse('PROMISE_DISABLED', 'Kebijakan penagihan ini tidak mengizinkan janji bayar');
  if (!isIsoDate(requestedUntil)) {
    return refuse('PROMISE_DATE_INVALID', 'Tanggal janji bayar harus berupa tanggal yang valid (format YYYY-MM-DD)');
  }
  const today = jakartaDateOf(now);
  if (requestedUntil < today) return refuse('PROMISE_DATE_IN_PAST', 'Tanggal janji bayar tidak boleh sebelum hari ini');
  const latest = addDaysToIsoDate(today, maxDaysAhead);
  if (requestedUntil > latest) {
    return refuse(
      'PROMISE_DATE_TOO_FAR',
      `Tanggal janji bayar melebihi batas ${maxDaysAhead} hari (paling lambat ${latest})`,
    );
  }
  if (existingPromises.length >= maxPerInvoice && !adminOverride) {
    return refuse(
      'PROMISE_LIMIT_REACHED',
      `Janji bayar untuk tagihan ini sudah ${existingPromises.length} kali (batas ${maxPerInvoice} kali); perlu persetujuan admin`,
    );
  }
  return { ok: true, until: jakartaInstantAt(requestedUntil, 1, 0) };
}

function refuse(code: PromiseToPayErrorCode, message: string): PromiseToPayValidation {
  return { ok: false, code, message };
}
