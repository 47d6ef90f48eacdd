import { assertIsoDate, type IsoDate } from './jakarta-time';
import { parsePeriodKey, type PeriodKey } from './period-key';

/** Indonesian month names, January first. */
export const INDONESIAN_MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Period label for customer messages: `2026-03` → `Maret 2026` (004: "Periode: {bulan} {tahun}"). */
export function formatPeriodLabel(key: PeriodKey): string {
  const { year, month } = parsePeriodKey(key);
  return `${INDONESIAN_MONTH_NAMES[month - 1]} ${year}`;
}

/** Date for customer messages: `2026-02-05` → `5 Februari 2026` (004: "Jatuh Tempo: {tanggal_tagihan}"). */
export function formatIndonesianDate(date: IsoDate): string {
  const [year, month, day] = assertIsoDate(date).split('-').map(Number);
  return `${day} ${INDONESIAN_MONTH_NAMES[month - 1]} ${year}`;
}
