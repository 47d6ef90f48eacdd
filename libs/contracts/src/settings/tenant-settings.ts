import type { BankAccount } from '../console/tenants';

/**
 * A mitra's settings (Pengaturan), shared by the API, the worker (documents and messages) and the console.
 *
 * Settings are versioned: every change writes a new version with the instant it takes effect, and a document
 * (invoice, receipt, message) uses the version in effect when it is issued — a change never rewrites what was
 * issued before it.
 */

/** Which fields a receipt (nota) shows, on the web page and in the WhatsApp message (004 "Nota Pembayaran"). */
export interface ReceiptFieldToggles {
  readonly showLogo: boolean;
  readonly showBusinessName: boolean;
  readonly showAddress: boolean;
  readonly showCustomerPhone: boolean;
  readonly showNik: boolean;
  /** The customer's area: the owning mitra's business name. */
  readonly showArea: boolean;
  readonly showPackage: boolean;
  readonly showPeriod: boolean;
  readonly showDiscount: boolean;
  readonly showPaymentMethod: boolean;
  /** The name of the cashier (kasir) or admin who recorded the payment. */
  readonly showPaidBy: boolean;
  /** Free text printed at the bottom of the receipt; empty for none. */
  readonly footerText: string;
}

/** ISO weekday: 1 = Senin … 7 = Minggu. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * When queued (non-urgent) messages to customers may go out, in Asia/Jakarta time. Outside the window, on a
 * quiet weekday or on a quiet date, a queued message waits for the next opening. Receipts and suspension
 * notices are sent at once regardless (004: "dikirim LANGSUNG").
 */
export interface SendWindow {
  /** `HH:mm`, inclusive (default 08:00). */
  readonly start: string;
  /** `HH:mm`, exclusive; later than `start` (default 20:00). */
  readonly end: string;
  readonly quietWeekdays: readonly IsoWeekday[];
  /** `YYYY-MM-DD` dates (holidays) with no queued messages. */
  readonly quietDates: readonly string[];
}


/** Defaults for new subscriptions of the mitra. */
export interface BillingDayDefaults {
  /** Day of month 1–28 a new subscription's period starts on unless given. */
  readonly billingDay: number;
}

/** The editable part of a mitra's settings. */
export interface TenantSettingsInput {
  readonly businessName: string;
  /** Logo as a `data:image/png|jpeg|svg+xml;base64,…` URL (≤ 90 000 characters, ≈ 65 kB), or null for none. */
  readonly logoDataUrl: string | null;
  readonly address: string;
  /** NPWP, 15 or 16 digits (punctuation allowed on input, stored as digits); empty when the mitra has none. */
  readonly npwp: string;
  /** PPN rate in basis points (1100 = 11 %). The same value as the tenant's billing settings. */
  readonly ppnRateBasisPoints: number;
  readonly pricesIncludePpn: boolean;
  /** Prefix of invoice numbers, e.g. `INV` → `INV/2026/11/000123`. 1–10 letters, digits or `-`. */
  readonly invoiceNumberPrefix: string;
  readonly billingDefaults: BillingDayDefaults;
  readonly receipt: ReceiptFieldToggles;
  readonly sendWindow: SendWindow;
  /**
   * Which gateway account creates the mitra's pay links and charges: `own` = its own account from the payments config
   * when it has one, else the platform's (the default); `default` = always the platform's account.
   */
  readonly gatewayAccount: GatewayAccountChoice;
  readonly bankAccounts: readonly BankAccount[];
}

export const GATEWAY_ACCOUNT_CHOICES = ['default', 'own'] as const;
export type GatewayAccountChoice = (typeof GATEWAY_ACCOUNT_CHOICES)[number];

/** One version of a mitra's settings, as answered by `GET /api/v1/tenants/:id/settings`. */
export interface TenantSettings extends TenantSettingsInput {
  readonly tenantId: string;
  /** 1 for the defaults, +1 per saved change. */
  readonly version: number;
  /** ISO instant from which documents use this version. */
  readonly effectiveFrom: string;
}

export const DEFAULT_RECEIPT_FIELDS: ReceiptFieldToggles = {
  showLogo: true,
  showBusinessName: true,
  showAddress: true,
  showCustomerPhone: true,
  showNik: false,
  showArea: true,
  showPackage: true,
  showPeriod: true,
  showDiscount: true,
  showPaymentMethod: true,
  showPaidBy: true,
  footerText: 'Terima kasih telah membayar tepat waktu.',
};

/** Monday–Saturday 08:00–20:00 WIB, as the default dunning policy's window. */
export const DEFAULT_SEND_WINDOW: SendWindow = { start: '08:00', end: '20:00', quietWeekdays: [7], quietDates: [] };

export const DEFAULT_BILLING_DEFAULTS: BillingDayDefaults = { billingDay: 1 };
