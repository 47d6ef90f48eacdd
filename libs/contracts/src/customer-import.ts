/** Customer CSV import (004 "Import CSV Pelanggan"): fields, column mapping, preview and job progress. */

export const IMPORT_FIELDS = [
  'code', 'name', 'phone', 'email', 'address', 'nik', 'package', 'billingDay', 'discount', 'pppoeUser', 'registerDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportFieldSpec {
  /** Header of the template CSV. */
  readonly header: string;
  readonly label: string;
  readonly required: boolean;
  /** Other headers (normalised: lower case, letters and digits only) read as this field. */
  readonly aliases: readonly string[];
  readonly example: string;
}

export const IMPORT_FIELD_SPECS: Record<ImportField, ImportFieldSpec> = {
  code: { header: 'kode_pelanggan', label: 'Kode pelanggan', required: false, aliases: ['kode', 'code', 'idpelanggan', 'nopelanggan'], example: 'PLG-0001' },
  name: { header: 'nama', label: 'Nama', required: true, aliases: ['namapelanggan', 'name'], example: 'Ahmad Fauzi' },
  phone: { header: 'telepon', label: 'Telepon (WhatsApp)', required: true, aliases: ['phone', 'hp', 'nohp', 'whatsapp', 'wa', 'notelepon'], example: '6281234567890' },
  email: { header: 'email', label: 'Email', required: false, aliases: ['surel'], example: '' },
  address: { header: 'alamat', label: 'Alamat', required: false, aliases: ['address'], example: 'Jl. Merdeka 1' },
  nik: { header: 'nik', label: 'NIK', required: false, aliases: ['noktp', 'ktp'], example: '3201234567890001' },
  package: { header: 'paket', label: 'Paket', required: true, aliases: ['paketnama', 'namapaket', 'package'], example: 'Paket 10 Mbps' },
  billingDay: { header: 'tanggal_tagihan', label: 'Tanggal tagihan (1–28)', required: false, aliases: ['tanggal', 'billingday', 'tgltagihan'], example: '5' },
  discount: { header: 'diskon', label: 'Diskon (Rp)', required: false, aliases: ['discount', 'potongan'], example: '0' },
  pppoeUser: { header: 'user_pppoe', label: 'User PPPoE', required: true, aliases: ['pppoe', 'pppoeuser', 'usernamepppoe', 'username'], example: 'ahmad.fauzi' },
  registerDate: { header: 'tanggal_register', label: 'Tanggal daftar (YYYY-MM-DD)', required: false, aliases: ['tanggaldaftar', 'registerdate', 'tglregister'], example: '2025-01-15' },
};

/** Which header of the file feeds each field (null: not in the file). */
export type ImportMapping = Record<ImportField, string | null>;

/** Lower case, letters and digits only: `Tanggal_Tagihan ` → `tanggaltagihan`. */
export function normaliseImportHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The mapping for a file's headers: the remembered one when every header it names is in the file, otherwise each
 * field's template header or alias found in the file.
 */
export function suggestImportMapping(headers: readonly string[], remembered: ImportMapping | null): ImportMapping {
  if (remembered && Object.values(remembered).every((header) => header === null || headers.includes(header))) return remembered;
  const byNormalised = new Map(headers.map((header) => [normaliseImportHeader(header), header]));
  const mapping = {} as Record<ImportField, string | null>;
  for (const field of IMPORT_FIELDS) {
    const spec = IMPORT_FIELD_SPECS[field];
    const names = [normaliseImportHeader(spec.header), ...spec.aliases];
    mapping[field] = names.map((name) => byNormalised.get(name)).find((header) => header !== undefined) ?? null;
  }
  return mapping;
}

/** `new`: customer and subscription created; `update`: existing customer changed or given the subscription; `unchanged`: as stored. */
export const IMPORT_ROW_STATUSES = ['new', 'update', 'unchanged', 'duplicate', 'invalid'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export interface ImportRowValues {
  readonly code: string;
  readonly name: string;
  readonly phone: string;
  readonly email: string | null;
  readonly address: string | null;
  readonly nik: string | null;
  readonly packageName: string;
  readonly billingDay: number;
  readonly discount: number;
  readonly pppoeUser: string;
  readonly registerDate: string;
}

export interface ImportPreviewRow {
  /** Line in the file (the header is line 1). */
  readonly line: number;
  readonly status: ImportRowStatus;
  /** Why a row is invalid or a duplicate, or what an update changes; Indonesian. */
  readonly reasons: readonly string[];
  /** The row as read (raw cells of the mapped columns). */
  readonly cells: Record<string, string>;
}

export const IMPORT_JOB_STATUSES = ['previewed', 'running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export interface ImportJobProgress {
  readonly id: string;
  readonly tenantId: string;
  readonly fileName: string;
  readonly status: ImportJobStatus;
  readonly totalRows: number;
  readonly processedRows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly error: string | null;
}

export interface ImportPreview extends ImportJobProgress {
  readonly headers: readonly string[];
  readonly mapping: ImportMapping;
  readonly counts: Record<ImportRowStatus, number>;
  readonly rows: readonly ImportPreviewRow[];
}
