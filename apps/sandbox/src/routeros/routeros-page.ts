import type { RouterOsItem, RouterOsSimulator } from '@lunas/network';

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const time = (at: Date): string => at.toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' });

function table(title: string, items: RouterOsItem[], columns: string[]): string {
  const head = columns.map((column) => `<th>${escape(column)}</th>`).join('');
  const rows = items
    .map((item) => `<tr class="${item['list'] === 'isolir' || item['profile'] === 'isolir' ? 'isolir' : ''}">${columns.map((column) => `<td>${escape(item[column] ?? '-')}</td>`).join('')}</tr>`)
    .join('');
  return `<h2>${escape(title)} (${items.length})</h2><table><thead><tr>${head}</tr></thead><tbody>${rows || `<tr><td colspan="${columns.length}">Kosong</td></tr>`}</tbody></table>`;
}

/** The page a person watches: PPP secrets, active sessions, address lists and every API command the router received. */
export function renderRouterOsPage(router: RouterOsSimulator, api: string): string {
  const commands = [...router.commands].reverse().slice(0, 100)
    .map((c) => `<tr class="${c.reply}"><td>${time(c.at)}</td><td><code>${escape(c.words.join(' '))}</code></td><td>${c.reply}${c.message ? `: ${escape(c.message)}` : ''}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Router RouterOS — Lunas sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;font-size:.9rem}tr.isolir td{background:#fff3e0}
tr.trap td,tr.fatal td{background:#ffebee}</style></head><body>
<h1>Router RouterOS (simulasi)</h1><p>Router MikroTik tiruan yang berbicara RouterOS API sungguhan (bukan jaringan sungguhan). API: ${escape(api)}. Halaman ini diperbarui tiap 2 detik.</p>
${table('Sesi PPP aktif (/ppp/active)', router.print('/ppp/active'), ['.id', 'name', 'address', 'caller-id'])}
${table('PPP secret (/ppp/secret)', router.print('/ppp/secret'), ['.id', 'name', 'profile', 'service', 'disabled'])}
${table('Address list (/ip/firewall/address-list)', router.print('/ip/firewall/address-list'), ['.id', 'list', 'address', 'dynamic', 'comment'])}
<h2>Perintah API yang diterima</h2>
<table><thead><tr><th>Waktu</th><th>Kalimat</th><th>Jawaban</th></tr></thead><tbody>${commands || '<tr><td colspan="3">Belum ada perintah</td></tr>'}</tbody></table>
</body></html>`;
}
