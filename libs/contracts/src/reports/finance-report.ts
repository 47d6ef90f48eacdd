/** Finance reports (Keuangan): one table per report, exported to CSV and XLSX from the same definition. */

export const FINANCE_REPORT_KINDS = [
  'aging', 'dso-trend', 'revenue-by-mitra', 'revenue-by-package', 'ppn-monthly', 'payments-by-method', 'late-fees', 'write-offs',
] as const;
export type FinanceReportKind = (typeof FINANCE_REPORT_KINDS)[number];

export const FINANCE_REPORT_TITLES: Record<FinanceReportKind, string> = {
  aging: 'Umur Piutang per Pelanggan',
  'dso-trend': 'Tren DSO',
  'revenue-by-mitra': 'Pendapatan per Mitra',
  'revenue-by-package': 'Pendapatan per Paket',
  'ppn-monthly': 'PPN per Bulan',
  'payments-by-method': 'Pembayaran per Gateway dan Metode',
  'late-fees': 'Denda Keterlambatan',
  'write-offs': 'Penghapusan Piutang',
};

/** `rupiah`: integer rupiah (a number in exports); `percent` and `days`: one decimal. */
export type ReportColumnType = 'text' | 'date' | 'month' | 'count' | 'rupiah' | 'percent' | 'days';

export interface ReportColumn {
  readonly key: string;
  /** Indonesian header, as in the exports. */
  readonly label: string;
  readonly type: ReportColumnType;
}

export type ReportCell = string | number | null;

export interface FinanceReport {
  readonly kind: FinanceReportKind;
  readonly title: string;
  readonly tenantId: string | null;
  /** `YYYY-MM-DD`, Asia/Jakarta, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<Record<string, ReportCell>>;
  /** Sums of the count and rupiah columns (text columns hold the "Total" label). */
  readonly totals: Record<string, ReportCell>;
}
