import { formatPeriodLabel, formatRupiah } from '@lunas/domain';
import { escapeHtml } from '../common/html';

/** What the isolir page shows: the connection it recognised (by its address) and what is still due. */
export type IsolirPageModel =
  | { kind: 'unknown' }
  | { kind: 'restored'; businessName: string; customerName: string }
  | { kind: 'isolated'; businessName: string; customerName: string; invoices: Array<{ number: string; period: string; balance: number; token: string }> };

/** The page an isolated customer's browser is redirected to by the router; Bahasa Indonesia, no login. */
export function renderIsolirPage(m: IsolirPageModel): string {
  const body =
    m.kind === 'unknown'
      ? `<h1>Koneksi tidak dikenali</h1><p>Kami tidak menemukan langganan untuk koneksi ini. Hubungi penyedia internet Anda.</p>`
      : m.kind === 'restored'
        ? `<h1>Layanan sudah dipulihkan</h1><p>Terima kasih, ${escapeHtml(m.customerName)}. Pembayaran sudah kami terima dan layanan internet dari ${escapeHtml(m.businessName)} aktif kembali.</p>
           <p>Jika halaman ini masih muncul, putuskan lalu sambungkan kembali router Anda.</p>`
        : `<h1>Layanan internet Anda sedang diisolir</h1>
           <p>Halo ${escapeHtml(m.customerName)}, layanan dari ${escapeHtml(m.businessName)} dibatasi karena ada tagihan yang belum dibayar.
           Setelah pembayaran diterima, layanan otomatis pulih dalam beberapa detik.</p>
           <table><thead><tr><th>Nomor</th><th>Periode</th><th>Sisa tagihan</th><th></th></tr></thead><tbody>
           ${m.invoices.map((i) => `<tr><td>${escapeHtml(i.number)}</td><td>${escapeHtml(formatPeriodLabel(i.period))}</td><td>${escapeHtml(formatRupiah(i.balance))}</td>
             <td><a class="pay" href="/bayar/${escapeHtml(i.token)}">Bayar sekarang</a></td></tr>`).join('')}
           </tbody></table>
           <p>Total: <strong>${escapeHtml(formatRupiah(m.invoices.reduce((sum, i) => sum + i.balance, 0)))}</strong></p>`;
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Layanan internet — Lunas</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}table{width:100%;border-collapse:collapse}
td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}a.pay{background:#1565c0;color:#fff;padding:.4rem .8rem;border-radius:4px;text-decoration:none}</style>
</head><body>${body}</body></html>`;
}
