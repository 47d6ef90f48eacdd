import type { MessageTemplateKind } from '@lunas/contracts';

/** Indonesian label of each template in the console. */
export const TEMPLATE_LABELS: Record<MessageTemplateKind, string> = {
  invoice_issued: 'Tagihan baru',
  payment_reminder_1: 'Pengingat pertama',
  payment_reminder_2: 'Pengingat kedua',
  late_fee: 'Denda keterlambatan',
  suspend_warning: 'Peringatan isolir',
  suspended: 'Pemberitahuan isolir',
  unsuspended: 'Layanan aktif kembali',
  payment_received: 'Nota pembayaran',
  promise_to_pay: 'Konfirmasi janji bayar',
  maintenance: 'Pemeliharaan jaringan',
};

const detail = ['📋 *Detail Tagihan:*', '• No. Tagihan: {nomor_tagihan}', '• Periode: {periode} (pra-bayar)', '• Nominal: {jumlah}', '• Jatuh Tempo: {jatuh_tempo}'].join('\n');
const signature = '{penutup}\n_{nama_usaha}_';

/**
 * The built-in texts (after 004_'s "Pengingat Tagihan", "Pemberitahuan Isolir", "Nota Pembayaran" and 000_'s ladder:
 * reminders, late fee, suspend warning, janji bayar, maintenance), used until a mitra edits its own.
 */
export const DEFAULT_TEMPLATES: Record<MessageTemplateKind, string[]> = {
  invoice_issued: [
    ['🔔 *Tagihan WiFi Baru*', '{salam} *{nama}*,', 'Tagihan WiFi Anda untuk periode *{periode}* (pra-bayar) sudah terbit.', detail, '💳 Bayar di: {link_bayar}\n📄 Unduh tagihan: {link_pdf?}', signature].join('\n\n'),
  ],
  payment_reminder_1: [
    ['🔔 *Pengingat Tagihan WiFi*', '{salam} *{nama}*,', 'Tagihan WiFi Anda periode *{periode}* belum kami terima pembayarannya.', detail, '💳 Bayar di: {link_bayar}', 'Abaikan pesan ini jika Anda sudah membayar.', signature].join('\n\n'),
  ],
  payment_reminder_2: [
    [
      '🔔 *Pengingat Kedua Tagihan WiFi*',
      '{salam} *{nama}*,',
      'Tagihan WiFi Anda periode *{periode}* sudah lewat jatuh tempo {jatuh_tempo}.',
      `${detail}\n• Termasuk denda keterlambatan: {denda?}`,
      '💳 Bayar di: {link_bayar}',
      signature,
    ].join('\n\n'),
  ],
  late_fee: [
    ['⚠️ *Denda Keterlambatan*', '{salam} *{nama}*,', 'Tagihan {nomor_tagihan} periode *{periode}* dikenakan denda keterlambatan {denda}.', 'Sisa tagihan Anda sekarang *{jumlah}*.', '💳 Bayar di: {link_bayar}', signature].join('\n\n'),
  ],
  suspend_warning: [
    [
      '⚠️ *Peringatan Isolir*',
      '{salam} *{nama}*,',
      'Tagihan {nomor_tagihan} sebesar *{jumlah}* belum dibayar sejak jatuh tempo {jatuh_tempo}.',
      'Segera lakukan pembayaran agar layanan WiFi Anda tidak di-*isolir* pada {tanggal_isolir?}.',
      '💳 Bayar di: {link_bayar}',
      signature,
    ].join('\n\n'),
  ],
  suspended: [
    [
      '⚠️ *Pemberitahuan Isolir*',
      '{salam} *{nama}*,',
      'Layanan WiFi Anda telah di-*isolir* karena tunggakan pembayaran.',
      'Silakan segera lakukan pembayaran sebesar *{jumlah}* untuk mengaktifkan kembali layanan Anda.',
      '💳 Bayar di: {link_bayar}',
      'Hubungi kami jika ada pertanyaan.\n_{nama_usaha}_',
    ].join('\n\n'),
  ],
  unsuspended: [['✅ *Layanan Aktif Kembali*', '{salam} *{nama}*,', 'Pembayaran Anda sudah kami terima dan layanan WiFi Anda sudah aktif kembali.', signature].join('\n\n')],
  payment_received: [
    [
      '✅ *Nota Pembayaran WiFi*',
      '{salam} *{nama}*,',
      'Pembayaran Anda telah kami terima.',
      ['📋 *Detail Pembayaran:*', '• Nama: {nama}', '• No. Tagihan: {nomor_tagihan}', '• Periode: {periode} (pra-bayar)', '• Total Bayar: *{jumlah_bayar}*', '• Tanggal Bayar: {tanggal_bayar}', '• Status: *{status_bayar}*'].join('\n'),
      '🧾 Nota: {link_pdf?}',
      signature,
    ].join('\n\n'),
  ],
  promise_to_pay: [
    [
      '🤝 *Janji Bayar Tercatat*',
      '{salam} *{nama}*,',
      'Janji bayar Anda untuk tagihan {nomor_tagihan} sebesar *{jumlah}* kami catat sampai {janji_bayar_sampai}.',
      'Selama janji bayar berlaku, layanan Anda tidak akan di-isolir.',
      '💳 Bayar di: {link_bayar}',
      signature,
    ].join('\n\n'),
  ],
  maintenance: [
    ['🛠️ *Pemeliharaan Jaringan*', '{salam} *{nama}*,', 'Akan ada pemeliharaan jaringan pada {jadwal_pemeliharaan}. Layanan WiFi mungkin terputus sementara.', 'Mohon maaf atas ketidaknyamanannya.', signature].join('\n\n'),
  ],
};

/** Greetings and closings `{salam}` / `{penutup}` vary between (004 "Variasi Konten"). */
export const GREETINGS = ['Halo', 'Hai', 'Salam', 'Salam sejahtera', 'Halo Bapak/Ibu'];
export const CLOSINGS = ['Terima kasih 🙏', 'Terima kasih banyak', 'Salam hangat', 'Terima kasih atas kerja samanya', 'Hormat kami'];
