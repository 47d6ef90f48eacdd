import { BadRequestException } from '@nestjs/common';
import { parse } from 'csv-parse/sync';

/** A customer CSV read into cells: its header and each data record with its line in the file. */
export interface ImportCsv {
  readonly headers: readonly string[];
  readonly records: ReadonlyArray<{ readonly line: number; readonly cells: readonly string[] }>;
}

/** Largest file accepted: 5 MB (≈ 40 000 rows of the template). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most data rows in one file. */
export const MAX_IMPORT_ROWS = 20_000;

const DELIMITERS: ReadonlyArray<readonly [string, string]> = [[',', 'koma (,)'], [';', 'titik koma (;)'], ['\t', 'tab']];

/**
 * Reads an uploaded customer CSV, or refuses it with one precise Indonesian message (400) — nothing is stored for
 * a file that cannot be read: empty, Excel instead of CSV, not UTF-8 (with the line of the first bad byte),
 * no recognisable delimiter, a header with blank or repeated names, broken quotes, a row with a different number
 * of cells than the header (with its line).
 */
export function readImportCsv(file: Buffer): ImportCsv {
  const text = decode(file);
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0];
  const delimiter = DELIMITERS.map(([d]) => d).sort((a, b) => count(firstLine, b) - count(firstLine, a))[0];
  if (count(firstLine, delimiter) === 0) {
    throw refuse(`Baris 1: pemisah kolom tidak dikenali; gunakan ${DELIMITERS.map(([, name]) => name).join(', ')} seperti pada templat`);
  }
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { delimiter, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    throw refuse(csvProblem(error, DELIMITERS.find(([d]) => d === delimiter)?.[1] ?? delimiter));
  }
  const [header, ...data] = rows;
  const headers = header.record.map((cell) => cell.trim());
  const blank = headers.findIndex((name) => name === '');
  if (blank >= 0) throw refuse(`Baris 1: judul kolom ke-${blank + 1} kosong`);
  const repeated = headers.find((name, index) => headers.indexOf(name) !== index);
  if (repeated) throw refuse(`Baris 1: judul kolom "${repeated}" muncul lebih dari sekali`);
  if (data.length === 0) throw refuse('Berkas hanya berisi baris judul; tidak ada data pelanggan');
  if (data.length > MAX_IMPORT_ROWS) throw refuse(`Berkas berisi ${data.length} baris data; paling banyak ${MAX_IMPORT_ROWS} per impor`);
  return { headers, records: data.map(({ record, info }) => ({ line: info.lines, cells: record })) };
}

function decode(file: Buffer): string {
  if (file.length === 0 || file.toString('utf8').trim() === '') throw refuse('Berkas kosong');
  if (file.length > MAX_IMPORT_BYTES) throw refuse('Berkas lebih dari 5 MB; bagi menjadi beberapa berkas');
  if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw refuse('Berkas ini Excel (.xlsx), bukan CSV; simpan ulang sebagai "CSV UTF-8"');
  if (file.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || file.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) {
    throw refuse('Berkas berkode UTF-16; simpan ulang sebagai "CSV UTF-8"');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    const lossy = file.toString('utf8');
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    throw refuse(`Baris ${line}: berkas bukan UTF-8 (mungkin ANSI/Windows-1252); simpan ulang sebagai "CSV UTF-8"`);
  }
}

function csvProblem(error: unknown, delimiterName: string): string {
  const { code, lines, record } = error as { code?: string; lines?: number; record?: unknown[] };
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Tanda kutip (") yang dibuka tidak ditutup hingga baris ${lines ?? 'terakhir'}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `Baris ${lines}: ada teks setelah tanda kutip penutup (")`;
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `Baris ${lines}: ada ${record?.length ?? '?'} kolom, tidak sama dengan baris judul (pemisah kolom: ${delimiterName})`;
    default:
      return lines === undefined ? 'Struktur CSV rusak' : `Baris ${lines}: struktur CSV rusak`;
  }
}

function count(line: string, delimiter: string): number {
  return line.split(delimiter).length - 1;
}

function refuse(message: string): BadRequestException {
  return new BadRequestException(`Berkas CSV tidak dapat dibaca. ${message}.`);
}
