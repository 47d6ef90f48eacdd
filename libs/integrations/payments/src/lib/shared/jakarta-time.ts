import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { MalformedPayloadError } from './payload';

export const JAKARTA_TIME_ZONE = 'Asia/Jakarta';

/** Formats an instant as wall-clock time in Asia/Jakarta with a date-fns pattern. */
export function formatJakarta(instant: Date, pattern: string): string {
  return format(new TZDate(instant, JAKARTA_TIME_ZONE), pattern);
}

/**
 * Parses `YYYY-MM-DD HH:MM:SS` given in WIB without an offset (Midtrans transaction_time) into a UTC
 * ISO instant. WIB is a fixed UTC+07:00 (no daylight saving).
 */
export function wibDateTimeToIso(value: string, field: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  const time = match ? Date.parse(`${match[1]}T${match[2]}+07:00`) : Number.NaN;
  if (Number.isNaN(time)) throw new MalformedPayloadError(`field '${field}' must be 'YYYY-MM-DD HH:MM:SS' (WIB), got '${value}'`);
  return new Date(time).toISOString();
}
