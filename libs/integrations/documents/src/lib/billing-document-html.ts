import type { BillingDocument, ReceiptFieldToggles } from '@lunas/contracts';
import { formatIndonesianDate, formatPeriodLabel, formatRupiah } from '@lunas/domain';
import * as QRCode from 'qrcode';
import { STAMP_DUTY, requiresStampDuty } from './stamp-duty';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const shown = (document: BillingDocument, field: keyof Omit<ReceiptFieldToggles, 'footerText'>) => document.fields[field];
const row = (label: string, value: string, css = '') => `<tr class="${css}"><td>${escape(label)}</td><td>${escape(value)}</td></tr>`;
const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('id-ID')}%`;

const STYLE = `*{box-sizing:border-box}body{font-family:'Liberation Sans',Arial,sans-serif;color:#111827;font-size:11pt;margin:0}
header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #1d4ed8;padding-bottom:8pt}
header img{max-height:48pt;max-width:160pt}h1{font-size:18pt;margin:0;color:#1d4ed8}.muted{color:#6b7280}
.parties{display:flex;justify-content:space-between;margin:12pt 0}table{width:100%;border-collapse:collapse}
td{padding:4pt 0;border-bottom:1px solid #e5e7eb}td:last-child{text-align:right}.total td{font-weight:700;font-size:12pt;border-bottom:none}
footer{display:flex;justify-content:space-between;align-items:flex-end;margin-top:18pt}.qr img{width:96pt;height:96pt}
.meterai{width:110pt;height:70pt;border:1.5px dashed #9ca3af;display:flex;align-items:center;justify-content:center;text-align:center;font-size:9pt;color:#6b7280}
.paid{color:#166534;font-weight:700;font-size:14pt}`;

/**
 * The invoice (tagihan) or receipt (nota) as one self-contained A4 HTML page: the mitra's logo, the customer, the
 * lines with discount, DPP and PPN, the total, payments on a receipt, a QR code to the pay link and, where stamp duty
 * applies, the e-meterai place. Fields the mitra switched off in its receipt settings are left out (the address
 * toggle covers the mitra's and the customer's address; without the package toggle a package line reads
 * "Layanan internet"); the NPWP is printed whenever the mitra has one; a receipt ends with the mitra's footer text.
 */
export async function renderBillingDocumentHtml(document: BillingDocument): Promise<string> {
  const receipt = document.kind === 'receipt';
  const qr = await QRCode.toDataURL(document.payLink, { margin: 1, width: 256 });
  const customer = document.customer;
  const logo = document.business.logoDataUrl && shown(document, 'showLogo') ? `<img src="${escape(document.business.logoDataUrl)}" alt="logo">` : '';
  const business = [
    shown(document, 'showBusinessName') ? `<strong>${escape(document.business.name)}</strong>` : '',
    shown(document, 'showAddress') && document.business.address ? `<div class="muted">${escape(document.business.address)}</div>` : '',
    document.business.npwp ? `<div class="muted">NPWP ${escape(document.business.npwp)}</div>` : '',
  ].join('');
  const ppnLabel = document.ppn.included ? `PPN ${percent(document.ppn.rateBasisPoints)} (termasuk dalam harga)` : `PPN ${percent(document.ppn.rateBasisPoints)}`;
  const lines = [
    ...document.lines.map((line) => row(line.package && !shown(document, 'showPackage') ? 'Layanan internet' : line.description, formatRupiah(line.amount))),
    ...(document.discount && shown(document, 'showDiscount') ? [row('Diskon', formatRupiah(-document.discount))] : []),
    row('Dasar Pengenaan Pajak (DPP)', formatRupiah(document.ppn.base)),
    row(ppnLabel, formatRupiah(document.ppn.amount)),
    row('Total', formatRupiah(document.total), 'total'),
  ];
  const payments = document.payments.map((payment) =>
    row(
      [`Dibayar ${formatIndonesianDate(payment.paidOn)}`, shown(document, 'showPaymentMethod') ? payment.method : '', shown(document, 'showPaidBy') && payment.recordedBy ? `dicatat oleh ${payment.recordedBy}` : '']
        .filter(Boolean)
        .join(' · '),
      formatRupiah(payment.amount),
    ),
  );
  const balance = document.total - document.amountPaid;
  const details = [
    `<strong>${escape(customer.name)}</strong>`,
    shown(document, 'showCustomerPhone') && customer.phone ? `Telepon: ${escape(customer.phone)}` : '',
    shown(document, 'showNik') && customer.nik ? `NIK: ${escape(customer.nik)}` : '',
    shown(document, 'showArea') ? `Area: ${escape(customer.area)}` : '',
    shown(document, 'showAddress') && customer.address ? escape(customer.address) : '',
  ].filter(Boolean);
  const stamp = requiresStampDuty(document) ? `<div class="meterai">Tempat e-Meterai<br>${formatRupiah(STAMP_DUTY)}</div>` : '';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${receipt ? 'Nota' : 'Tagihan'} ${escape(document.number)}</title><style>${STYLE}</style></head><body>
<header><div>${logo}<div>${business}</div>${document.business.phone ? `<div class="muted">${escape(document.business.phone)}</div>` : ''}</div>
<div style="text-align:right"><h1>${receipt ? 'NOTA PEMBAYARAN' : 'TAGIHAN'}</h1><div>No. ${escape(document.number)}</div>
${shown(document, 'showPeriod') ? `<div class="muted">Periode ${escape(formatPeriodLabel(document.period))} (pra-bayar)</div>` : ''}</div></header>
<div class="parties"><div>Kepada:<br>${details.join('<br>')}</div>
<div style="text-align:right">Tanggal terbit: ${formatIndonesianDate(document.issuedOn)}<br>Jatuh tempo: ${formatIndonesianDate(document.dueOn)}</div></div>
<table>${lines.join('')}${payments.join('')}${receipt ? '' : row('Sisa tagihan', formatRupiah(balance), 'total')}</table>
${receipt ? `<p class="paid">LUNAS</p>${document.fields.footerText ? `<p>${escape(document.fields.footerText)}</p>` : ''}` : document.business.bankLine ? `<p>Transfer ke: ${escape(document.business.bankLine)}</p>` : ''}
<footer><div class="qr"><img src="${qr}" alt="QR"><div class="muted">${receipt ? 'Pindai untuk melihat nota' : 'Pindai untuk membayar'}<br>${escape(document.payLink)}</div></div>${stamp}</footer>
</body></html>`;
}
