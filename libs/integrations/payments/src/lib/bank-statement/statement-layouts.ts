import { parseStatementAmount, type AmountStyle } from './statement-amount';
import { parseCalendarDate } from './statement-date';
import type { StatementBank } from './statement-types';

/** Cells of one data line, read by header name (case-insensitive). */
export interface RowCells {
  get(column: string): string;
  /** The cell right after `column` when its header is blank (BCA's unnamed CR/DB column). */
  unnamedAfter(column: string): string | undefined;
}

export interface RowFields {
  readonly date: string;
  readonly description: string;
  readonly amount: number;
  readonly direction: 'credit' | 'debit';
  readonly accountNumber?: string;
  /** Running balance as printed; only used to tell identical lines apart in the fingerprint. */
  readonly balance?: string;
}

/** What the lines above the header tell (BCA: account and period). */
export interface StatementContext {
  readonly accountNumber?: string;
  /** Year of each month for exports that print dates without a year. */
  readonly yearOfMonth?: (month: number) => number;
}

export interface StatementLayout {
  readonly bank: StatementBank;
  readonly name: string;
  readonly delimiter: string;
  /** Header names that must be present (as printed by the bank). */
  readonly required: readonly string[];
  /** Reads the preamble; a string is a file-level problem (Indonesian). */
  context(preamble: readonly string[], fallbackYear: number | undefined): StatementContext | string;
  /** True for trailer lines (totals) that are not transactions. */
  isTrailer(cells: readonly string[]): boolean;
  /** Reads one line, or returns the Indonesian reason it is invalid (without the "Baris N:" prefix). */
  read(cells: RowCells, context: StatementContext): RowFields | string;
}

/** Strips the apostrophe spreadsheet exports put before numbers and dates ('01/08, '0000). */
function clean(cell: string): string {
  return cell.trim().replace(/^'/, '').trim();
}

function amountOrReason(text: string, style: AmountStyle): number | string {
  const parsed = parseStatementAmount(text, style);
  if (parsed.ok) return parsed.rupiah;
  return parsed.problem === 'fractional' ? `jumlah '${text}' memiliki sen; hanya rupiah bulat yang dicatat` : `jumlah '${text}' tidak valid`;
}

/** Separate credit and debit columns (Mandiri, BRI): exactly one must be non-zero. */
function creditOrDebit(creditText: string, debitText: string, style: AmountStyle): Pick<RowFields, 'amount' | 'direction'> | string {
  const credit = creditText === '' ? 0 : amountOrReason(creditText, style);
  if (typeof credit === 'string') return credit;
  const debit = debitText === '' ? 0 : amountOrReason(debitText, style);
  if (typeof debit === 'string') return debit;
  if (credit > 0 && debit > 0) return `kredit (${creditText}) dan debet (${debitText}) sama-sama terisi`;
  if (credit === 0 && debit === 0) return 'kredit dan debet kosong atau nol';
  return credit > 0 ? { amount: credit, direction: 'credit' } : { amount: debit, direction: 'debit' };
}

const noContext = (): StatementContext => ({});
const noTrailer = (): boolean => false;

const BCA_TRAILER = /^"?\s*(saldo awal|mutasi kredit|mutasi debet|saldo akhir)\b/i;
const BCA_PERIOD = /periode\s*:\s*(\d{2})\/(\d{2})\/(\d{4})\s*-\s*(\d{2})\/(\d{2})\/(\d{4})/i;
const BCA_ACCOUNT = /no\.?\s*rekening\s*:\s*'?(\d+)/i;

/** KlikBCA "Mutasi Rekening" CSV: preamble with account and period, DD/MM dates, CR/DB marker. */
const BCA: StatementLayout = {
  bank: 'bca',
  name: 'KlikBCA Mutasi Rekening',
  delimiter: ',',
  required: ['Tanggal Transaksi', 'Keterangan', 'Jumlah'],
  context(preamble, fallbackYear) {
    const text = preamble.join('\n');
    const accountNumber = BCA_ACCOUNT.exec(text)?.[1];
    const period = BCA_PERIOD.exec(text);
    if (period) {
      const [startMonth, startYear, endYear] = [Number(period[2]), Number(period[3]), Number(period[6])];
      return { accountNumber, yearOfMonth: (month) => (startYear === endYear || month >= startMonth ? startYear : endYear) };
    }
    if (fallbackYear !== undefined) return { accountNumber, yearOfMonth: () => fallbackYear };
    return "baris 'Periode : DD/MM/YYYY - DD/MM/YYYY' tidak ditemukan di kepala berkas BCA, sehingga tahun transaksi tidak dapat ditentukan";
  },
  isTrailer: (cells) => BCA_TRAILER.test(cells[0] ?? ''),
  read(cells, context) {
    const dateText = clean(cells.get('Tanggal Transaksi'));
    if (/^pend$/i.test(dateText)) return 'transaksi masih PEND (belum dibukukan) sehingga belum bertanggal';
    const dayMonth = /^(\d{2})\/(\d{2})$/.exec(dateText);
    if (!dayMonth || !context.yearOfMonth) return `tanggal '${dateText}' tidak valid (seharusnya DD/MM)`;
    const fullDate = `${dateText}/${context.yearOfMonth(Number(dayMonth[2]))}`;
    const date = parseCalendarDate(fullDate, ['dd/MM/yyyy']);
    if (!date) return `tanggal '${fullDate}' tidak valid`;
    const amountCell = clean(cells.get('Jumlah'));
    const suffix = /^(.*?)\s*\b(CR|DB)$/i.exec(amountCell);
    const marker = (clean(cells.unnamedAfter('Jumlah') ?? '') || suffix?.[2] || '').toUpperCase();
    if (marker !== 'CR' && marker !== 'DB') return `penanda CR/DB untuk jumlah '${amountCell}' tidak ada`;
    const amount = amountOrReason(suffix ? suffix[1] : amountCell, 'en');
    if (typeof amount === 'string') return amount;
    if (amount === 0) return 'jumlah nol';
    return {
      date,
      description: cells.get('Keterangan').trim(),
      amount,
      direction: marker === 'CR' ? 'credit' : 'debit',
      accountNumber: context.accountNumber,
      balance: clean(cells.get('Saldo')) || undefined,
    };
  },
};

/** Mandiri Kopra/MCM CSV: semicolons, PostDate like "03 August 2026 11:27:10", separate credit/debit columns. */
const MANDIRI: StatementLayout = {
  bank: 'mandiri',
  name: 'Mandiri Kopra/MCM',
  delimiter: ';',
  required: ['AccountNo', 'PostDate', 'Remarks', 'Credit Amount', 'Debit Amount'],
  context: noContext,
  isTrailer: noTrailer,
  read(cells) {
    const currency = cells.get('Ccy').trim();
    if (currency && currency.toUpperCase() !== 'IDR') return `mata uang ${currency} bukan IDR`;
    const dateText = cells.get('PostDate').trim();
    const date = parseCalendarDate(dateText, ['dd MMMM yyyy HH:mm:ss', 'dd MMMM yyyy', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy']);
    if (!date) return `tanggal '${dateText}' tidak valid`;
    const money = creditOrDebit(cells.get('Credit Amount').trim(), cells.get('Debit Amount').trim(), 'en');
    if (typeof money === 'string') return money;
    return {
      date,
      ...money,
      description: [cells.get('Remarks'), cells.get('AdditionalDesc')].map((part) => part.trim()).filter(Boolean).join(' '),
      accountNumber: clean(cells.get('AccountNo')) || undefined,
      balance: cells.get('Close Balance').trim() || undefined,
    };
  },
};

const BRI_DATE_PATTERNS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy'];

function readBri(cells: RowCells, context: StatementContext): RowFields | string {
  const dateText = cells.get('TGL_TRAN').trim();
  const date = parseCalendarDate(dateText, BRI_DATE_PATTERNS);
  if (!date) return `tanggal '${dateText}' tidak valid`;
  const money = creditOrDebit(cells.get('MUTASI_KREDIT').trim(), cells.get('MUTASI_DEBET').trim(), 'en');
  if (typeof money === 'string') return money;
  return {
    date,
    ...money,
    description: cells.get('DESK_TRAN').trim(),
    accountNumber: clean(cells.get('NOREK')) || context.accountNumber,
    balance: cells.get('SALDO_AKHIR_MUTASI').trim() || undefined,
  };
}

/** BRI data export: every cell quoted, TGL_TRAN "2026-07-10 23:44:44", MUTASI_DEBET / MUTASI_KREDIT. */
const BRI: StatementLayout = {
  bank: 'bri',
  name: 'BRI data export',
  delimiter: ',',
  required: ['NOREK', 'TGL_TRAN', 'DESK_TRAN', 'MUTASI_DEBET', 'MUTASI_KREDIT'],
  context: noContext,
  isTrailer: noTrailer,
  read: readBri,
};

/** BRI simple export: `NOREK;<account>` on the first line, then a semicolon table. */
const BRI_SIMPLE: StatementLayout = {
  bank: 'bri',
  name: 'BRI ringkas (titik koma)',
  delimiter: ';',
  required: ['TGL_TRAN', 'DESK_TRAN', 'MUTASI_DEBET', 'MUTASI_KREDIT'],
  context: (preamble) => ({ accountNumber: preamble.map((line) => /^"?NOREK"?;"?'?(\d+)/i.exec(line.trim())?.[1]).find(Boolean) }),
  isTrailer: noTrailer,
  read: readBri,
};

/** Every supported layout; a bank may have several (tried in this order). */
export const STATEMENT_LAYOUTS: readonly StatementLayout[] = [BCA, MANDIRI, BRI, BRI_SIMPLE];
