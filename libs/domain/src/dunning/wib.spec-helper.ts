// Test helpers: write and read instants as wall-clock time in Asia/Jakarta (UTC+7, no DST), independently of
// the code under test.
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `wib('2026-03-09 09:00')` → epoch ms of that WIB wall-clock time (seconds optional). */
export function wib(wallClock: string): number {
  const [date, time] = wallClock.split(' ');
  const instant = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
  if (Number.isNaN(instant)) throw new Error(`Bad WIB time ${wallClock}`);
  return instant;
}

/** Epoch ms → 'Mon 2026-03-09 09:00' in WIB, so failures read like a calendar. */
export function wibText(instant: number): string {
  const local = new Date(instant + WIB_OFFSET_MS);
  return `${WEEKDAYS[local.getUTCDay()]} ${local.toISOString().slice(0, 16).replace('T', ' ')}`;
}
