import { formatIndonesianDate, formatPeriodLabel, formatRupiah, isIsoDate, isPeriodKey } from '@lunas/domain';

/** Raw values of one message as the workflow and the activities pass them (camelCase, rupiah as integers, ISO dates). */
export type MessageValues = Record<string, string | number | undefined>;

interface TemplateVariable {
  description: string;
  /** The text put in place of `{name}`; `undefined` or `''` when there is no value. */
  value(values: MessageValues): string | undefined;
}

const text = (key: string) => (values: MessageValues) => (values[key] === undefined ? undefined : String(values[key]));
const money = (key: string) => (values: MessageValues) => {
  const value = values[key];
  return typeof value === 'number' && value !== 0 ? formatRupiah(value) : undefined;
};
const date = (key: string) => (values: MessageValues) => {
  const value = values[key];
  return isIsoDate(value) ? formatIndonesianDate(value) : text(key)(values);
};

/**
 * The variables a template may use (Indonesian names, as a mitra writes them) and how each is filled from the
 * message's raw values: rupiah as `Rp 111.000` (empty when 0), ISO dates as `5 Februari 2026`, periods as
 * `Maret 2026`.
 */
export const TEMPLATE_VARIABLES: Record<string, TemplateVariable> = {
  nama: { description: 'Nama pelanggan', value: text('namaPelanggan') },
  nama_usaha: { description: 'Nama usaha (mitra)', value: text('namaUsaha') },
  nomor_tagihan: { description: 'Nomor tagihan', value: text('nomorTagihan') },
  periode: {
    description: 'Periode tagihan, mis. "Maret 2026"',
    value: (values) => (isPeriodKey(values['periode']) ? formatPeriodLabel(values['periode']) : text('periode')(values)),
  },
  jumlah: { description: 'Sisa yang harus dibayar', value: money('sisaTagihan') },
  total_tagihan: { description: 'Total tagihan termasuk PPN dan denda', value: money('totalTagihan') },
  denda: { description: 'Denda keterlambatan', value: money('denda') },
  jatuh_tempo: { description: 'Tanggal jatuh tempo', value: date('jatuhTempo') },
  link_bayar: { description: 'Tautan halaman bayar', value: text('linkBayar') },
  link_pdf: { description: 'Tautan PDF tagihan / nota', value: (values) => (values['linkBayar'] ? `${values['linkBayar']}/pdf` : undefined) },
  tanggal_isolir: { description: 'Tanggal layanan diisolir', value: date('tanggalIsolir') },
  jumlah_bayar: { description: 'Jumlah yang dibayar', value: money('jumlahBayar') },
  tanggal_bayar: { description: 'Tanggal pembayaran', value: date('tanggalBayar') },
  status_bayar: {
    description: '"LUNAS" atau sisa tagihan setelah pembayaran',
    value: (values) => (Number(values['sisaTagihan'] ?? 0) > 0 ? `Sisa tagihan ${formatRupiah(Number(values['sisaTagihan']))}` : 'LUNAS'),
  },
  janji_bayar_sampai: { description: 'Batas janji bayar', value: date('janjiBayarSampai') },
  jadwal_pemeliharaan: { description: 'Jadwal pemeliharaan jaringan', value: text('jadwalPemeliharaan') },
  rekening: { description: 'Rekening transfer mitra (bank, nomor, atas nama)', value: text('rekening') },
  salam: { description: 'Salam pembuka (bervariasi antar pesan)', value: text('salam') },
  penutup: { description: 'Kalimat penutup (bervariasi antar pesan)', value: text('penutup') },
};
