import type { IsoDate, PeriodKey } from '@lunas/domain';

/** Receipt fields a mitra can hide (004 `receipt_show_*` toggles); absent or `true`: shown. */
export const RECEIPT_FIELDS = ['logo', 'companyName', 'customerPhone', 'nik', 'area', 'discount', 'paymentMethod', 'paidBy'] as const;
export type ReceiptField = (typeof RECEIPT_FIELDS)[number];
export type DocumentFieldToggles = Partial<Record<ReceiptField, boolean>>;

export const RECEIPT_FIELD_LABELS: Record<ReceiptField, string> = {
  logo: 'Logo',
  companyName: 'Nama usaha',
  customerPhone: 'Nomor telepon pelanggan',
  nik: 'NIK',
  area: 'Area',
  discount: 'Diskon',
  paymentMethod: 'Metode pembayaran',
  paidBy: 'Dicatat oleh',
};

/** Everything printed on an invoice (tagihan) or its receipt (nota) PDF; amounts in integer rupiah. */
export interface BillingDocument {
  /** `receipt` once something was paid and nothing is due, else `invoice`. */
  kind: 'invoice' | 'receipt';
  business: { name: string; logoDataUrl: string | null; phone: string | null; bankLine: string | null };
  customer: { name: string; phone: string | null; nik: string | null; address: string | null; area: string };
  number: string;
  period: PeriodKey;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  lines: { description: string; amount: number }[];
  discount: number;
  /** DPP (tax base), PPN rate in basis points (1.100 = 11 %) and amount; `included`: prices already contain it. */
  ppn: { base: number; rateBasisPoints: number; amount: number; included: boolean };
  total: number;
  amountPaid: number;
  payments: { paidOn: IsoDate; method: string; amount: number; recordedBy: string | null }[];
  /** The customer's pay / receipt page (`/bayar/<token>`), printed as a QR code. */
  payLink: string;
  fields: DocumentFieldToggles;
}
