/**
 * Number style of a bank export: `en` = 1,500,000.00 (thousands `,`, decimal `.`),
 * `id` = 1.500.000,00 (thousands `.`, decimal `,`). Ungrouped digits (1500000.00 / 1500000,00) are
 * accepted in the matching style.
 */
export type AmountStyle = 'en' | 'id';

export type AmountParse = { readonly ok: true; readonly rupiah: number } | { readonly ok: false; readonly problem: 'invalid' | 'fractional' };

const PATTERNS: Readonly<Record<AmountStyle, RegExp>> = {
  en: /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/,
  id: /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/,
};

/** Parses a non-negative statement amount into integer rupiah; cents must be zero (money is whole rupiah). */
export function parseStatementAmount(text: string, style: AmountStyle): AmountParse {
  const match = PATTERNS[style].exec(text.trim());
  if (!match) return { ok: false, problem: 'invalid' };
  if (/[1-9]/.test(match[2] ?? '')) return { ok: false, problem: 'fractional' };
  const rupiah = Number(match[1].replace(/[.,]/g, ''));
  return Number.isSafeInteger(rupiah) ? { ok: true, rupiah } : { ok: false, problem: 'invalid' };
}
