import { formatJakartaDateTime } from '@lunas/domain';

/**
 * Keys whose number is an instant in epoch milliseconds (the workflow's `Instant`): `at`, `until`, `…At`, `…Since`.
 * Only values in 2001–5138 count (a count or an amount under such a key stays a number).
 */
const INSTANT_KEY = /^(at|until)$|[a-z](At|Since)$/;
const EPOCH_MS_MIN = 1e12;
const EPOCH_MS_MAX = 1e14;

/**
 * The value as REST answers it: every instant (a `Date`, or epoch milliseconds under an instant key) as ISO 8601 in
 * Asia/Jakarta with its offset, seconds precision (`2026-02-04T06:00:00+07:00`). Calendar dates (`2026-02-04`) and
 * everything else are left as they are.
 */
export function renderInstants(value: unknown, key = ''): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatJakartaDateTime(value.getTime());
  if (typeof value === 'number') return INSTANT_KEY.test(key) && value >= EPOCH_MS_MIN && value < EPOCH_MS_MAX ? formatJakartaDateTime(value) : value;
  if (Array.isArray(value)) return value.map((item) => renderInstants(item, key));
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, renderInstants(field, name)]));
}
