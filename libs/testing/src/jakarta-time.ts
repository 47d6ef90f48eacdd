/** `wib('2027-04-05 08:00')` → epoch ms of that Asia/Jakarta wall time. */
export function wib(wallTime: string): number {
  return Date.parse(`${wallTime.replace(' ', 'T')}:00+07:00`);
}

/** `2027-04-05 08:00` for an instant (Asia/Jakarta). */
export function wibText(instant: number | Date): string {
  return new Date(Number(instant) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
