import type { BillingDocument } from '@lunas/contracts';

/**
 * Bea meterai (UU No. 10 Tahun 2020, Pasal 3 ayat (2) huruf g): a document stating the receipt of money, or that a
 * debt was paid in whole or in part, owes stamp duty when its nominal value is MORE THAN Rp5.000.000; the duty is
 * Rp10.000 (Pasal 5), paid with an e-meterai. Rp5.000.000 exactly owes none.
 */
export const STAMP_DUTY_THRESHOLD = 5_000_000;
export const STAMP_DUTY = 10_000;

/** Whether the document needs an e-meterai: a receipt (nota) of more than Rp5.000.000 paid. */
export function requiresStampDuty(document: Pick<BillingDocument, 'kind' | 'amountPaid'>): boolean {
  return document.kind === 'receipt' && document.amountPaid > STAMP_DUTY_THRESHOLD;
}
