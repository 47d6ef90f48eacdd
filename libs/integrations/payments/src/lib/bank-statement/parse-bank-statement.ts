import { parse } from 'csv-parse/sync';
import { sha256Hex } from '../shared/crypto';
import { STATEMENT_LAYOUTS, type RowCells, type StatementLayout } from './statement-layouts';
import {
  STATEMENT_BANK_LABELS,
  type BankStatementError,
  type BankStatementErrorCode,
  type BankStatementParse,
  type StatementBank,
  type StatementRow,
} from './statement-types';

export interface ParseBankStatementOptions {
  /** Year for BCA exports whose preamble lacks the `Periode` line (their dates are DD/MM). */
  readonly year?: number;
}

/** The header is looked for in the first 50 lines (BCA's preamble is 6). */
const HEADER_SEARCH_LINES = 50;
const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'koma (,)', ';': 'titik koma (;)', '\t': 'tab', '|': 'garis tegak (|)' };
const CANDIDATE_DELIMITERS = Object.keys(DELIMITER_NAMES);

/**
 * Parses a bank statement export (BCA, Mandiri or BRI style) into rows. A file that cannot be read
 * at all (binary, not UTF-8, wrong delimiter, missing columns, broken quoting) gets one precise
 * Indonesian error; otherwise each line becomes a transaction or an invalid row with its reason.
 */
export function parseBankStatement(file: Buffer, bank: StatementBank, options: ParseBankStatementOptions = {}): BankStatementParse {
  const decoded = decodeText(file);
  if (typeof decoded !== 'string') return { ok: false, error: decoded };
  const lines = decoded.split(/\r\n|\n|\r/);
  const header = findHeader(lines, bank);
  if ('code' in header) return { ok: false, error: header };
  const { layout, lineIndex, columns } = header;
  const context = layout.context(lines.slice(0, lineIndex), options.year);
  if (typeof context === 'string') return failure('MISSING_PERIOD', `Berkas tidak dapat dibaca: ${context}`);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { delimiter: layout.delimiter, relax_column_count: true, skip_empty_lines: true, info: true } as const;
    records = parse(lines.slice(lineIndex + 1).join('\n'), options) as unknown as typeof records;
  } catch (error) {
    return failure('MALFORMED_CSV', csvProblem(error, lineIndex + 1));
  }

  const needed = Math.max(...layout.required.map((name) => columns.indexOf(normalise(name)))) + 1;
  const occurrences = new Map<string, number>();
  const rows: StatementRow[] = [];
  for (const { record, info } of records) {
    const rowNumber = info.lines + lineIndex + 1;
    if (record.every((cell) => cell.trim() === '') || layout.isTrailer(record)) continue;
    if (record.length < needed) {
      rows.push({ status: 'invalid', rowNumber, reason: `Baris ${rowNumber}: ada ${record.length} kolom, seharusnya minimal ${needed}`, cells: record });
      continue;
    }
    const fields = layout.read(cellsOf(record, columns), context);
    if (typeof fields === 'string') {
      rows.push({ status: 'invalid', rowNumber, reason: `Baris ${rowNumber}: ${fields}`, cells: record });
      continue;
    }
    const identity = JSON.stringify([bank, fields.accountNumber ?? '', fields.date, fields.direction, fields.amount, fields.description.replace(/\s+/g, ' ').toUpperCase(), fields.balance ?? '']);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    rows.push({
      status: 'valid',
      rowNumber,
      date: fields.date,
      description: fields.description,
      amount: fields.amount,
      direction: fields.direction,
      accountNumber: fields.accountNumber,
      fingerprint: sha256Hex(`${identity}#${occurrence}`),
    });
  }
  return { ok: true, bank, layout: layout.name, accountNumber: context.accountNumber, rows };
}

function failure(code: BankStatementErrorCode, message: string): BankStatementParse {
  return { ok: false, error: { code, message } };
}

/** Refuses empty, binary (e.g. Excel) and non-UTF-8 files; strips a UTF-8 BOM. */
function decodeText(file: Buffer): string | BankStatementError {
  if (file.toString('utf8').trim() === '') return { code: 'EMPTY_FILE', message: 'Berkas kosong' };
  if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { code: 'BINARY_FILE', message: 'Berkas ini tampaknya Excel (.xlsx), bukan CSV; simpan ulang sebagai CSV' };
  }
  if (file.includes(0)) return { code: 'BINARY_FILE', message: 'Berkas berisi data biner, bukan teks CSV' };
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    const lossy = file.toString('utf8');
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    return { code: 'NOT_UTF8', message: `Baris ${line}: berkas bukan teks UTF-8 yang valid; simpan ulang sebagai CSV UTF-8` };
  }
}

interface HeaderFound {
  readonly layout: StatementLayout;
  readonly lineIndex: number;
  readonly columns: readonly string[];
}

/** Finds the header line of one of the bank's layouts, or explains precisely why none is there. */
function findHeader(lines: readonly string[], bank: StatementBank): HeaderFound | BankStatementError {
  const label = STATEMENT_BANK_LABELS[bank];
  let wrongDelimiter: { used: string; expected: string; line: number } | undefined;
  let otherBank: StatementBank | undefined;
  let closest = { present: 0, missing: [] as string[], line: 0, layout: STATEMENT_LAYOUTS.find((layout) => layout.bank === bank) as StatementLayout };
  for (const [lineIndex, line] of lines.slice(0, HEADER_SEARCH_LINES).entries()) {
    for (const delimiter of CANDIDATE_DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const columns = splitLine(line, delimiter);
      for (const layout of STATEMENT_LAYOUTS) {
        const missing = layout.required.filter((name) => !columns.includes(normalise(name)));
        const complete = missing.length === 0;
        if (complete && layout.bank === bank && delimiter === layout.delimiter) return { layout, lineIndex, columns };
        if (complete && layout.bank === bank) wrongDelimiter ??= { used: delimiter, expected: layout.delimiter, line: lineIndex + 1 };
        if (complete && layout.bank !== bank) otherBank ??= layout.bank;
        const present = layout.required.length - missing.length;
        if (layout.bank === bank && present > closest.present) closest = { present, missing, line: lineIndex + 1, layout };
      }
    }
  }
  if (wrongDelimiter) {
    return {
      code: 'WRONG_DELIMITER',
      message: `Baris ${wrongDelimiter.line}: pemisah kolom salah, berkas memakai ${DELIMITER_NAMES[wrongDelimiter.used]} sedangkan format ${label} memakai ${DELIMITER_NAMES[wrongDelimiter.expected]}`,
    };
  }
  if (otherBank) {
    return { code: 'MISSING_COLUMNS', message: `Kolom format ${label} tidak ditemukan; berkas ini tampaknya mutasi ${STATEMENT_BANK_LABELS[otherBank]}` };
  }
  if (closest.present > 0) {
    return { code: 'MISSING_COLUMNS', message: `Baris ${closest.line}: kolom wajib format ${label} tidak ditemukan: ${closest.missing.join(', ')}` };
  }
  return { code: 'MISSING_COLUMNS', message: `Baris judul kolom format ${label} tidak ditemukan (kolom wajib: ${closest.layout.required.join(', ')})` };
}

function splitLine(line: string, delimiter: string): string[] {
  try {
    const [cells = []] = parse(line, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
    return cells.map(normalise);
  } catch {
    return line.split(delimiter).map(normalise);
  }
}

function normalise(header: string): string {
  return header.trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

function cellsOf(record: readonly string[], columns: readonly string[]): RowCells {
  return {
    get: (column) => record[columns.indexOf(normalise(column))] ?? '',
    unnamedAfter: (column) => {
      const index = columns.indexOf(normalise(column)) + 1;
      return columns[index] === '' ? record[index] : undefined;
    },
  };
}

function csvProblem(error: unknown, lineOffset: number): string {
  const { code, lines } = error as { code?: string; lines?: number };
  const line = lines === undefined ? undefined : lines + lineOffset;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `Tanda kutip yang dibuka tidak pernah ditutup hingga baris ${line ?? 'terakhir'}`;
  const what = code === 'CSV_INVALID_CLOSING_QUOTE' ? 'ada teks setelah tanda kutip penutup' : 'struktur CSV rusak';
  return line === undefined ? `Berkas tidak dapat dibaca: ${what}` : `Baris ${line}: ${what}`;
}
