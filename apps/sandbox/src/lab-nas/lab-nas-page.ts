import type { LabNas } from '@lunas/network';

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const time = (at: Date): string => at.toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' });

/** The page a person watches: the PPPoE sessions the lab NAS holds and what happened to them (refreshes itself). */
export function renderLabNasPage(nas: LabNas, radius: string): string {
  const sessions = [...nas.sessions.values()]
    .map((s) => `<tr class="${s.addressList ? 'isolir' : ''}"><td>${escape(s.userName)}</td><td>${escape(s.acctSessionId)}</td><td>${escape(s.framedIpAddress)}</td>
      <td>${escape(s.rateLimit ?? '-')}</td><td>${escape(s.profile ?? '-')}</td><td>${escape(s.addressList ?? '-')}</td><td>${time(s.startedAt)}</td></tr>`)
    .join('');
  const events = [...nas.events].reverse().slice(0, 100)
    .map((e) => `<tr class="${e.kind}"><td>${time(e.at)}</td><td>${e.kind}</td><td>${escape(e.userName)}</td><td>${escape(e.detail)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Lab NAS — Lunas sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;font-size:.9rem}tr.isolir td{background:#fff3e0}
tr.disconnect td{background:#ffebee}tr.coa td{background:#e3f2fd}tr.dial td{background:#e8f5e9}</style></head><body>
<h1>Lab NAS</h1><p>Router simulasi (bukan jaringan sungguhan). RADIUS: ${escape(radius)}. Halaman ini diperbarui tiap 2 detik.</p>
<h2>Sesi PPPoE aktif (${nas.sessions.size})</h2>
<table><thead><tr><th>Pengguna</th><th>Acct-Session-Id</th><th>IP</th><th>Rate limit</th><th>Profil</th><th>Address list</th><th>Mulai</th></tr></thead><tbody>${sessions || '<tr><td colspan="7">Tidak ada sesi</td></tr>'}</tbody></table>
<h2>Kejadian</h2>
<table><thead><tr><th>Waktu</th><th>Jenis</th><th>Pengguna</th><th>Rincian</th></tr></thead><tbody>${events || '<tr><td colspan="4">Belum ada kejadian</td></tr>'}</tbody></table>
</body></html>`;
}
