import { formatRupiah } from '@lunas/domain';
import type { SandboxPaymentData } from '@lunas/payments';
import { escapeHtml } from '../common/html';

export interface PayPageModel {
  payment: SandboxPaymentData;
  description: string;
  customerName: string;
  /** Shown after a payment was sent, or why it could not be. */
  notice?: string;
}

const STATUS_TEXT: Partial<Record<SandboxPaymentData['status'], string>> = {
  pending: 'Menunggu pembayaran',
  paid: 'Sudah dibayar',
  expired: 'Kedaluwarsa',
};

/** The sandbox gateway's pay page, in Indonesian: pay the whole amount or a part of it. */
export function renderPayPage({ payment, description, customerName, notice }: PayPageModel): string {
  const open = payment.status === 'pending';
  const action = `/sandbox/pay/${encodeURIComponent(payment.reference)}`;
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pembayaran ${escapeHtml(payment.order_id)} – Sandbox Lunas</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.25rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#6b7280}button{padding:.6rem 1rem;margin-top:.5rem;cursor:pointer}.notice{background:#ecfdf5;padding:.75rem;border-radius:.375rem}.sandbox{color:#b45309;font-size:.875rem}</style></head>
<body>
<p class="sandbox">Gateway sandbox Lunas – tidak ada uang sungguhan yang berpindah.</p>
<h1>Pembayaran tagihan</h1>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<dl>
<dt>Nomor tagihan</dt><dd>${escapeHtml(payment.order_id)}</dd>
<dt>Pelanggan</dt><dd>${escapeHtml(customerName)}</dd>
<dt>Keterangan</dt><dd>${escapeHtml(description)}</dd>
<dt>Jumlah</dt><dd><strong>${formatRupiah(payment.amount)}</strong></dd>
${payment.va_number ? `<dt>Nomor VA</dt><dd>${escapeHtml(payment.va_number)}</dd>` : ''}
<dt>Status</dt><dd>${STATUS_TEXT[payment.status] ?? escapeHtml(payment.status)}</dd>
</dl>
${open ? `<form method="post" action="${action}"><input type="hidden" name="amount" value="${payment.amount}"><button type="submit">Bayar penuh</button></form>
<form method="post" action="${action}"><label>Bayar sebagian (Rp) <input type="number" name="amount" min="1" max="${payment.amount - 1}" step="1" required></label><button type="submit">Bayar sebagian</button></form>` : ''}
</body>
</html>`;
}
