import { HttpException, HttpStatus } from '@nestjs/common';

/** Why a payments request was refused; each code has one Indonesian message and one HTTP status. */
export enum PaymentsErrorCode {
  InvoiceNotFound = 'INVOICE_NOT_FOUND',
  InvoiceStale = 'INVOICE_STALE',
  InvoiceVoid = 'INVOICE_VOID',
  PaymentNotFound = 'PAYMENT_NOT_FOUND',
  PaymentNotRefundable = 'PAYMENT_NOT_REFUNDABLE',
  RefundTooLarge = 'REFUND_TOO_LARGE',
  AmountAboveLimit = 'AMOUNT_ABOVE_LIMIT',
  GatewayNotConfigured = 'GATEWAY_NOT_CONFIGURED',
  UnknownGateway = 'UNKNOWN_GATEWAY',
  BankFileInvalid = 'BANK_FILE_INVALID',
  BankImportNotFound = 'BANK_IMPORT_NOT_FOUND',
  BankImportConfirmed = 'BANK_IMPORT_CONFIRMED',
  SandboxPaymentNotFound = 'SANDBOX_PAYMENT_NOT_FOUND',
  SandboxPaymentClosed = 'SANDBOX_PAYMENT_CLOSED',
  SandboxPaymentExpired = 'SANDBOX_PAYMENT_EXPIRED',
}

const SPECS: Readonly<Record<PaymentsErrorCode, { status: HttpStatus; message: string }>> = {
  [PaymentsErrorCode.InvoiceNotFound]: { status: HttpStatus.NOT_FOUND, message: 'Tagihan tidak ditemukan' },
  [PaymentsErrorCode.InvoiceStale]: { status: HttpStatus.CONFLICT, message: 'Tagihan sudah berubah, muat ulang' },
  [PaymentsErrorCode.InvoiceVoid]: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'Tagihan sudah dibatalkan, pembayaran tidak dapat dicatat' },
  [PaymentsErrorCode.PaymentNotFound]: { status: HttpStatus.NOT_FOUND, message: 'Pembayaran tidak ditemukan' },
  [PaymentsErrorCode.PaymentNotRefundable]: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'Pembayaran ini belum diterima atau sudah dikembalikan seluruhnya' },
  [PaymentsErrorCode.RefundTooLarge]: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'Jumlah pengembalian melebihi sisa pembayaran' },
  [PaymentsErrorCode.AmountAboveLimit]: { status: HttpStatus.BAD_REQUEST, message: 'Jumlah melebihi batas per pembayaran' },
  [PaymentsErrorCode.GatewayNotConfigured]: { status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'Gateway pembayaran belum dikonfigurasi untuk mitra ini' },
  [PaymentsErrorCode.UnknownGateway]: { status: HttpStatus.NOT_FOUND, message: 'Gateway pembayaran tidak dikenal' },
  [PaymentsErrorCode.BankFileInvalid]: { status: HttpStatus.BAD_REQUEST, message: 'Berkas mutasi bank tidak dapat dibaca' },
  [PaymentsErrorCode.BankImportNotFound]: { status: HttpStatus.NOT_FOUND, message: 'Impor mutasi bank tidak ditemukan' },
  [PaymentsErrorCode.BankImportConfirmed]: { status: HttpStatus.CONFLICT, message: 'Impor mutasi bank ini sudah dikonfirmasi' },
  [PaymentsErrorCode.SandboxPaymentNotFound]: { status: HttpStatus.NOT_FOUND, message: 'Pembayaran tidak ditemukan atau tautan sudah tidak berlaku' },
  [PaymentsErrorCode.SandboxPaymentClosed]: { status: HttpStatus.CONFLICT, message: 'Pembayaran ini sudah selesai' },
  [PaymentsErrorCode.SandboxPaymentExpired]: { status: HttpStatus.GONE, message: 'Tautan pembayaran ini sudah kedaluwarsa. Minta tautan baru dari halaman tagihan.' },
};

/**
 * The one exception type of the payments, webhooks, sandbox and reconciliation modules. The body
 * carries the code for clients and an Indonesian message for people; `detail` may replace the default
 * message when it is more precise (e.g. the bank file parser's "Baris 7: …").
 */
export class PaymentsException extends HttpException {
  constructor(readonly code: PaymentsErrorCode, detail?: string) {
    const spec = SPECS[code];
    super({ statusCode: spec.status, code, message: detail ?? spec.message }, spec.status);
  }
}
