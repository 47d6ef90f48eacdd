const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp as Go's `time.Parse(time.RFC3339Nano, …)` accepts it; returns epoch
 * milliseconds (sub-millisecond digits are dropped) or `undefined` when it is not one.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = m;
  if (+month < 1 || +month > 12 || +day < 1 || +day > 31 || +hour > 23 || +minute > 59 || +second > 59) {
    return undefined;
  }
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone;
  if (new Date(Date.UTC(+year, +month - 1, +day)).getUTCDate() !== +day) return undefined;
  return Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
}

/** Formats like Go's `time.RFC3339Nano` in UTC: trailing fraction zeros dropped ("…T00:00:00.12Z"). */
export function formatRfc3339Nano(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z').replace(/\.Z$/, 'Z');
}
