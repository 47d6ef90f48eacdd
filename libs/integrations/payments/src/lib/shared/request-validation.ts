import { PaymentsError } from '../gateway/errors';
import type { CreatePaymentRequest } from '../gateway/port';

/** Common checks before any adapter talks to its gateway; returns whole seconds until expiry. */
export function validateCreatePayment(request: CreatePaymentRequest): number {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw PaymentsError.invalidRequest(`jumlah harus bilangan bulat rupiah lebih dari 0, bukan ${request.amount}`);
  }
  if (!request.invoiceRef.trim()) throw PaymentsError.invalidRequest('nomor tagihan kosong');
  const seconds = Math.floor((request.expiresAt.getTime() - request.now.getTime()) / 1000);
  if (seconds < 60) throw PaymentsError.invalidRequest('batas waktu pembayaran harus minimal 1 menit dari sekarang');
  return seconds;
}
