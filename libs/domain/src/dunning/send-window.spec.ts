import { DEFAULT_DUNNING_POLICY, type SendWindow } from './policy';
import { isWithinSendWindow, nextSendWindowOpening } from './send-window';
import { wib, wibText } from './wib.spec-helper';

// Default window: Monday–Saturday, 08:00 (inclusive) – 20:00 (exclusive) WIB.
// Calendar: Sat 2026-03-07, Sun 2026-03-08, Mon 2026-03-09, Tue 2026-03-10.
const window = DEFAULT_DUNNING_POLICY.sendWindow;

describe(nextSendWindowOpening.name, () => {
  it('returns the instant itself inside the window', () => {
    expect(wibText(nextSendWindowOpening(wib('2026-03-10 10:15'), window))).toBe('Tue 2026-03-10 10:15');
  });

  it('moves 02:00 WIB to 08:00 the same morning', () => {
    expect(wibText(nextSendWindowOpening(wib('2026-03-10 02:00'), window))).toBe('Tue 2026-03-10 08:00');
  });

  it('treats 08:00 as open and 07:59:59 as closed', () => {
    expect(wibText(nextSendWindowOpening(wib('2026-03-10 08:00'), window))).toBe('Tue 2026-03-10 08:00');
    expect(nextSendWindowOpening(wib('2026-03-10 07:59:59'), window)).toBe(wib('2026-03-10 08:00'));
  });

  it('sends on Saturday 19:59 but moves Saturday 20:00 to Monday 08:00', () => {
    expect(wibText(nextSendWindowOpening(wib('2026-03-07 19:59'), window))).toBe('Sat 2026-03-07 19:59');
    expect(wibText(nextSendWindowOpening(wib('2026-03-07 20:00'), window))).toBe('Mon 2026-03-09 08:00');
  });

  it('moves any Sunday time to Monday 08:00', () => {
    expect(wibText(nextSendWindowOpening(wib('2026-03-08 09:00'), window))).toBe('Mon 2026-03-09 08:00');
    expect(wibText(nextSendWindowOpening(wib('2026-03-08 00:00'), window))).toBe('Mon 2026-03-09 08:00');
  });

  it('judges days in Jakarta, not UTC: Saturday 23:30 UTC is already Sunday 06:30 WIB', () => {
    expect(wibText(nextSendWindowOpening(Date.parse('2026-03-07T23:30:00Z'), window))).toBe('Mon 2026-03-09 08:00');
  });

  it('waits a whole week for a one-day window that just closed', () => {
    const wednesdays: SendWindow = { days: [3], start: '09:00', end: '17:00' };
    expect(wibText(nextSendWindowOpening(wib('2026-03-11 17:00'), wednesdays))).toBe('Wed 2026-03-18 09:00');
  });

  it('rejects a window that was not validated', () => {
    expect(() => nextSendWindowOpening(0, { days: [1], start: '20:00', end: '08:00' })).toThrow(RangeError);
    expect(() => nextSendWindowOpening(0, { days: [], start: '08:00', end: '20:00' })).toThrow(RangeError);
  });
});

describe(isWithinSendWindow.name, () => {
  it('is open Monday to Saturday from 08:00 until just before 20:00', () => {
    expect(isWithinSendWindow(wib('2026-03-09 08:00'), window)).toBe(true);
    expect(isWithinSendWindow(wib('2026-03-07 19:59:59'), window)).toBe(true);
    expect(isWithinSendWindow(wib('2026-03-07 20:00'), window)).toBe(false);
    expect(isWithinSendWindow(wib('2026-03-08 12:00'), window)).toBe(false);
  });
});
