import { formatIndonesianDate, formatPeriodLabel, formatRupiah, jakartaDateOf } from '@lunas/domain';
import type { CreatedPayment } from '@lunas/payments';
import { escapeHtml } from '../common/html';

export interface InvoicePageModel {
  token: string;
  businessName: string;
  customerName: string;
  number: string;
  period: string;
  dueAt: Date;
  items: { description: string; amount: number }[];
  discountAmount: number;
  ppnAmount: number;
  total: number;
  amountPaid: number;
  status: 'unpaid' | 'partial' | 'paid' | 'void';
  paidAt: Date | null;
  /** Payment instructions when the gateway answered with a VA number or QR string instead of a page. */
  instructions?: CreatedPayment;
  notice?: string;
}

const STATUS_TEXT: Record<InvoicePageModel['status'], string> = {
  unpaid: 'Belum dibayar',
  partial: 'Dibayar sebagian',
  paid: 'LUNAS',
  void: 'Dibatalkan',
};

/**
 * The customer's page behind the WhatsApp link: the invoice with a pay button while something is due,
 * the receipt (nota) once it is paid. Bahasa Indonesia; no login, the unguessable token is the key.
 */
export function renderInvoicePage(m: InvoicePageModel): string {
  const balance = m.status === 'void' ? 0 : m.total - m.amountPaid;
  const payable = (m.status === 'unpaid' || m.status === 'partial') && balance > 0;
  const title = m.status === 'paid' ? `Nota pembayaran ${m.number}` : `Tagihan ${m.number}`;
  const rows = [
    ...m.items.map((item) => [item.description, formatRupiah(item.amount)]),
    ...(m.discountAmount ? [['Diskon', formatRupiah(-m.discountAmount)]] : []),
    ['PPN', formatRupiah(m.ppnAmount)],
  ];
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${escapeHtml(m.businessName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.3rem;margin-bottom:.25rem}
.muted{color:#6b7280}table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.35rem 0;border-bottom:1px solid #e5e7eb}td:last-child{text-align:right}
.total td{font-weight:700;border-bottom:none}.badge{display:inline-block;padding:.2rem .6rem;border-radius:999px;font-weight:600}
.paid{background:#dcfce7;color:#166534}.open{background:#fef3c7;color:#92400e}.void{background:#e5e7eb}
button,select{font-size:1rem;padding:.6rem 1rem}button{background:#1d4ed8;color:#fff;border:0;border-radius:.375rem;cursor:pointer}
.notice{background:#fef2f2;color:#991b1b;padding:.75rem;border-radius:.375rem}.box{background:#f3f4f6;padding:.75rem;border-radius:.375rem;word-break:break-all}</style></head>
<body>
<p class="muted">${escapeHtml(m.businessName)}</p>
<h1>${escapeHtml(title)}</h1>
<p><span class="badge ${m.status === 'paid' ? 'paid' : m.status === 'void' ? 'void' : 'open'}">${STATUS_TEXT[m.status]}</span></p>
${m.notice ? `<p class="notice" role="alert">${escapeHtml(m.notice)}</p>` : ''}
<p>Pelanggan: <strong>${escapeHtml(m.customerName)}</strong><br>Periode layanan: ${escapeHtml(formatPeriodLabel(m.period))}<br>
Jatuh tempo: ${escapeHtml(formatIndonesianDate(jakartaDateOf(m.dueAt.getTime())))}</p>
<table>
${rows.map(([label, amount]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(amount)}</td></tr>`).join('\n')}
<tr class="total"><td>Total</td><td>${formatRupiah(m.total)}</td></tr>
${m.amountPaid ? `<tr><td>Sudah dibayar</td><td>${formatRupiah(m.amountPaid)}</td></tr>` : ''}
${payable ? `<tr class="total"><td>Sisa tagihan</td><td>${formatRupiah(balance)}</td></tr>` : ''}
</table>
${m.status === 'paid' && m.paidAt ? `<p>Dibayar lunas pada ${escapeHtml(formatIndonesianDate(jakartaDateOf(m.paidAt.getTime())))}. Terima kasih.</p>` : ''}
${m.instructions ? renderInstructions(m.instructions) : ''}
${payable && !m.instructions ? `<form method="post" action="/bayar/${encodeURIComponent(m.token)}">
<label for="method">Cara bayar</label><br>
<select id="method" name="method"><option value="va">Transfer virtual account</option><option value="qris">QRIS</option><option value="ewallet">E-wallet</option></select>
<p><button type="submit">Bayar ${formatRupiah(balance)}</button></p>
</form>` : ''}
${m.status === 'void' ? '' : `<p><a href="/bayar/${encodeURIComponent(m.token)}/pdf">Unduh ${m.status === 'paid' ? 'nota' : 'tagihan'} (PDF)</a></p>`}
</body></html>`;
}

function renderInstructions(payment: CreatedPayment): string {
  const parts = [];
  if (payment.vaNumber) parts.push(`<p>Transfer ke nomor virtual account:</p><p class="box"><strong>${escapeHtml(payment.vaNumber)}</strong></p>`);
  if (payment.qrString) parts.push(`<p>Pindai kode QRIS berikut di aplikasi pembayaran Anda:</p><p class="box">${escapeHtml(payment.qrString)}</p>`);
  parts.push(`<p class="muted">Berlaku sampai ${escapeHtml(formatIndonesianDate(jakartaDateOf(Date.parse(payment.expiresAt))))}.</p>`);
  return parts.join('\n');
}
