import { matchPayment, type MatchOptions, type MatchRule, type OpenInvoice } from '../reconciliation/match-payment';
import type { StatementRow, StatementTransaction } from './statement-types';

export type StatementRowOutcome = 'matched' | 'ambiguous' | 'unmatched' | 'invalid' | 'already_imported';

/** One line of the import preview shown before the operator confirms. */
export interface StatementRowPreview {
  readonly rowNumber: number;
  readonly outcome: StatementRowOutcome;
  /** Indonesian, for the operator. */
  readonly reason: string;
  readonly transaction?: StatementTransaction;
  readonly rule?: MatchRule;
  readonly invoiceId?: string;
  readonly candidateInvoiceIds?: readonly string[];
}

export interface PreviewOptions extends MatchOptions {
  /** Fingerprints already recorded by an earlier import: such rows are shown, not imported again. */
  readonly knownFingerprints?: ReadonlySet<string>;
}

/**
 * Classifies parsed statement rows against open invoices with the reconciliation rules. Only credits
 * can be customer payments; debits are listed as unmatched with that reason.
 */
export function previewBankStatement(rows: readonly StatementRow[], invoices: readonly OpenInvoice[], options: PreviewOptions = {}): StatementRowPreview[] {
  return rows.map((row): StatementRowPreview => {
    if (row.status === 'invalid') return { rowNumber: row.rowNumber, outcome: 'invalid', reason: row.reason };
    const base = { rowNumber: row.rowNumber, transaction: row };
    if (options.knownFingerprints?.has(row.fingerprint)) return { ...base, outcome: 'already_imported', reason: 'Sudah tercatat pada impor sebelumnya' };
    if (row.direction === 'debit') return { ...base, outcome: 'unmatched', reason: 'Mutasi debet (uang keluar), bukan pembayaran pelanggan' };
    const match = matchPayment({ text: row.description, amount: row.amount, paidOn: row.date }, invoices, options);
    switch (match.status) {
      case 'matched':
        return { ...base, outcome: 'matched', reason: match.reason, rule: match.rule, invoiceId: match.invoiceId };
      case 'ambiguous':
        return { ...base, outcome: 'ambiguous', reason: match.reason, rule: match.rule, candidateInvoiceIds: match.candidateInvoiceIds };
      case 'unmatched':
        return { ...base, outcome: 'unmatched', reason: match.reason };
    }
  });
}

/** Counts per outcome, for the import report. */
export function summarisePreview(previews: readonly StatementRowPreview[]): Readonly<Record<StatementRowOutcome, number>> {
  const counts: Record<StatementRowOutcome, number> = { matched: 0, ambiguous: 0, unmatched: 0, invalid: 0, already_imported: 0 };
  for (const preview of previews) counts[preview.outcome] += 1;
  return counts;
}
