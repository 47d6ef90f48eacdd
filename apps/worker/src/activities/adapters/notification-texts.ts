import type { NotificationTemplate } from '@lunas/contracts';
import { formatIndonesianDate, formatPeriodLabel, formatRupiah, isIsoDate, isPeriodKey } from '@lunas/domain';

type Vars = Record<string, string | number>;

/** A value for a message line: rupiah as `Rp 111.000`, ISO dates as `5 Februari 2026`, periods as `Maret 2026`. */
const money = (vars: Vars, name: string) => (typeof vars[name] === 'number' ? formatRupiah(vars[name] as number) : '-');
const date = (vars: Vars, name: string) => (isIsoDate(vars[name]) ? formatIndonesianDate(vars[name] as string) : text(vars, name));
const period = (vars: Vars) => (isPeriodKey(vars['periode']) ? formatPeriodLabel(vars['periode'] as string) : text(vars, 'periode'));
const text = (vars: Vars, name: string) => (vars[name] === undefined || vars[name] === '' ? '-' : String(vars[name]));

const greeting = (vars: Vars) => `Halo *${text(vars, 'namaPelanggan')}*,`;
const signature = (vars: Vars) => `Terima kasih 🙏\n_${text(vars, 'namaUsaha')}_`;
const payLink = (vars: Vars) => `💳 Bayar di: ${text(vars, 'linkBayar')}`;

const invoiceDetail = (vars: Vars) =>
  [
    '📋 *Detail Tagihan:*',
    `• No. Tagihan: ${text(vars, 'nomorTagihan')}`,
    `• Periode: ${period(vars)} (pra-bayar)`,
    `• Nominal: ${money(vars, 'sisaTagihan')}`,
    `• Jatuh Tempo: ${date(vars, 'jatuhTempo')}`,
  ].join('\n');

/**
 * Customer message texts in Bahasa Indonesia, one per workflow template, after the WhatsApp formats of 004_
 * ("Pengingat Tagihan", "Pemberitahuan Isolir", "Nota Pembayaran") and the 000_ ladder (reminder 1 and 2, late
 * fee, suspend warning, janji bayar). Values: `namaPelanggan`, `namaUsaha`, `nomorTagihan`, `periode`,
 * `jatuhTempo`, `totalTagihan`, `denda`, `sisaTagihan`, `linkBayar`, `jumlahBayar`, `tanggalBayar`,
 * `janjiBayarSampai`; a missing value prints as `-`.
 */
const TEXTS: Record<NotificationTemplate, (vars: Vars) => string> = {
  invoice_issued: (v) =>
    [
      '🔔 *Tagihan WiFi Baru*',
      greeting(v),
      `Tagihan WiFi Anda untuk periode *${period(v)}* (pra-bayar) sudah terbit.`,
      invoiceDetail(v),
      payLink(v),
      signature(v),
    ].join('\n\n'),
  payment_reminder_1: (v) =>
    [
      '🔔 *Pengingat Tagihan WiFi*',
      greeting(v),
      `Tagihan WiFi Anda periode *${period(v)}* belum kami terima pembayarannya.`,
      invoiceDetail(v),
      payLink(v),
      'Abaikan pesan ini jika Anda sudah membayar.',
      signature(v),
    ].join('\n\n'),
  payment_reminder_2: (v) =>
    [
      '🔔 *Pengingat Kedua Tagihan WiFi*',
      greeting(v),
      `Tagihan WiFi Anda periode *${period(v)}* sudah lewat jatuh tempo ${date(v, 'jatuhTempo')}.`,
      invoiceDetail(v) + (Number(v['denda']) > 0 ? `\n• Termasuk denda keterlambatan: ${money(v, 'denda')}` : ''),
      payLink(v),
      signature(v),
    ].join('\n\n'),
  late_fee: (v) =>
    [
      '⚠️ *Denda Keterlambatan*',
      greeting(v),
      `Tagihan ${text(v, 'nomorTagihan')} periode *${period(v)}* dikenakan denda keterlambatan ${money(v, 'denda')}.`,
      `Sisa tagihan Anda sekarang *${money(v, 'sisaTagihan')}*.`,
      payLink(v),
      signature(v),
    ].join('\n\n'),
  suspend_warning: (v) =>
    [
      '⚠️ *Peringatan Isolir*',
      greeting(v),
      `Tagihan ${text(v, 'nomorTagihan')} sebesar *${money(v, 'sisaTagihan')}* belum dibayar sejak jatuh tempo ${date(v, 'jatuhTempo')}.`,
      'Segera lakukan pembayaran agar layanan WiFi Anda tidak di-*isolir*.',
      payLink(v),
      signature(v),
    ].join('\n\n'),
  suspended: (v) =>
    [
      '⚠️ *Pemberitahuan Isolir*',
      greeting(v),
      'Layanan WiFi Anda telah di-*isolir* karena tunggakan pembayaran.',
      `Silakan segera lakukan pembayaran sebesar *${money(v, 'sisaTagihan')}* untuk mengaktifkan kembali layanan Anda.`,
      payLink(v),
      `Hubungi kami jika ada pertanyaan.\n_${text(v, 'namaUsaha')}_`,
    ].join('\n\n'),
  unsuspended: (v) =>
    [
      '✅ *Layanan Aktif Kembali*',
      greeting(v),
      'Pembayaran Anda sudah kami terima dan layanan WiFi Anda sudah aktif kembali.',
      signature(v),
    ].join('\n\n'),
  payment_received: (v) =>
    [
      '✅ *Nota Pembayaran WiFi*',
      greeting(v),
      'Pembayaran Anda telah kami terima.',
      [
        '📋 *Detail Pembayaran:*',
        `• Nama: ${text(v, 'namaPelanggan')}`,
        `• No. Tagihan: ${text(v, 'nomorTagihan')}`,
        `• Periode: ${period(v)} (pra-bayar)`,
        `• Total Bayar: *${money(v, 'jumlahBayar')}*`,
        `• Tanggal Bayar: ${date(v, 'tanggalBayar')}`,
        Number(v['sisaTagihan']) > 0 ? `• Sisa Tagihan: ${money(v, 'sisaTagihan')}` : '• Status: *LUNAS*',
      ].join('\n'),
      signature(v),
    ].join('\n\n'),
  promise_to_pay: (v) =>
    [
      '🤝 *Janji Bayar Tercatat*',
      greeting(v),
      `Janji bayar Anda untuk tagihan ${text(v, 'nomorTagihan')} sebesar *${money(v, 'sisaTagihan')}* kami catat sampai ${date(v, 'janjiBayarSampai')}.`,
      'Selama janji bayar berlaku, layanan Anda tidak akan di-isolir.',
      payLink(v),
      signature(v),
    ].join('\n\n'),
};

/** The message text of `template` with `vars` filled in. */
export function renderNotification(template: NotificationTemplate, vars: Vars): string {
  return TEXTS[template](vars);
}
