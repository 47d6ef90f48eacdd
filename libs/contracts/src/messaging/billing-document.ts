import type { IsoDate, PeriodKey } from '@lunas/domain';
import type { ReceiptFieldToggles } from '../settings/tenant-settings';

/** Everything printed on an invoice (tagihan) or its receipt (nota) PDF; amounts in integer rupiah. */
export interface BillingDocument {
  /** `receipt` once something was paid and nothing is due, else `invoice`. */
  kind: 'invoice' | 'receipt';
  /** The mitra as its settings in effect at the document's issue time describe it (Pengaturan). */
  business: { name: string; logoDataUrl: string | null; address: string; npwp: string; phone: string | null; bankLine: string | null };
  customer: { name: string; phone: string | null; nik: string | null; address: string | null; area: string };
  number: string;
  period: PeriodKey;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** `package`: the subscription's package line (its name is hidden when the mitra switches the package off). */
  lines: { description: string; amount: number; package: boolean }[];
  discount: number;
  /** DPP (tax base), PPN rate in basis points (1.100 = 11 %) and amount; `included`: prices already contain it. */
  ppn: { base: number; rateBasisPoints: number; amount: number; included: boolean };
  total: number;
  amountPaid: number;
  payments: { paidOn: IsoDate; method: string; amount: number; recordedBy: string | null }[];
  /** The customer's pay / receipt page (`/bayar/<token>`), printed as a QR code. */
  payLink: string;
  /** The receipt field toggles of the mitra's settings in effect at the document's issue time. */
  fields: ReceiptFieldToggles;
}
