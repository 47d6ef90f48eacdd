import type { FinanceReport, ReportCell, ReportColumn } from '@lunas/contracts';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `keuangan-<kind>-<from>_<to>.<format>` */
export function exportFileName(report: FinanceReport, format: ExportFormat): string {
  return `keuangan-${report.kind}-${report.from}_${report.to}.${format}`;
}

/**
 * Writes the report as CSV (UTF-8 with a BOM so spreadsheet programs read the Indonesian headers right; comma
 * separated; rupiah as plain integers) ending with the totals row, in chunks so a large report never becomes one string.
 */
export async function writeCsv(report: FinanceReport, out: Writable): Promise<void> {
  const line = (cells: readonly ReportCell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  await write(out, `\uFEFF${line(report.columns.map((column) => column.label))}`);
  let chunk = '';
  for (const row of [...report.rows, report.totals]) {
    chunk += line(report.columns.map((column) => row[column.key] ?? null));
    if (chunk.length >= 64 * 1024) {
      await write(out, chunk);
      chunk = '';
    }
  }
  await write(out, chunk);
  out.end();
}

/**
 * Streams the report as an XLSX workbook (exceljs' streaming writer: each row is committed and flushed as it is
 * written). Rupiah and counts are numeric cells with a thousands format, so the sheet sums them; headers and the
 * totals row are bold.
 */
export async function writeXlsx(report: FinanceReport, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(report.title.slice(0, 31));
  sheet.columns = report.columns.map((column) => ({ header: column.label, key: column.key, width: widthOf(column), style: styleOf(column) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of report.rows) sheet.addRow(cellsOf(report.columns, row)).commit();
  const totals = sheet.addRow(cellsOf(report.columns, report.totals));
  totals.font = { bold: true };
  totals.commit();
  sheet.commit();
  await workbook.commit();
}

function cellsOf(columns: readonly ReportColumn[], row: Record<string, ReportCell>): ReportCell[] {
  return columns.map((column) => row[column.key] ?? null);
}

function styleOf(column: ReportColumn): Partial<ExcelJS.Style> {
  switch (column.type) {
    case 'rupiah':
    case 'count':
      return { numFmt: '#,##0' };
    case 'percent':
    case 'days':
      return { numFmt: '0.0' };
    default:
      return {};
  }
}

function widthOf(column: ReportColumn): number {
  return Math.max(12, Math.min(40, column.label.length + 4));
}

function csvCell(value: ReportCell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function write(out: Writable, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (out.write(text, 'utf8')) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}
