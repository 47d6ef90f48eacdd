import { jakartaInstant } from '../calendar';
import { holdUntil, type MessagingWindow } from './hold-until';

const window: MessagingWindow = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', quietDates: [] };

describe(holdUntil.name, () => {
  it('sends at once inside the window (Friday 19:59 WIB)', () => {
    const at = jakartaInstant('2026-03-06', 19, 59);
    expect(holdUntil(at, window)).toBe(at);
  });

  it('holds a message from Saturday 20:00 WIB until Monday 08:00 WIB (Sunday is a quiet day)', () => {
    expect(holdUntil(jakartaInstant('2026-03-07', 20, 0), window)).toBe(jakartaInstant('2026-03-09', 8, 0));
  });

  it('holds a message before 08:00 until 08:00 the same day', () => {
    expect(holdUntil(jakartaInstant('2026-03-10', 6, 0), window)).toBe(jakartaInstant('2026-03-10', 8, 0));
  });

  it('skips quiet dates (Nyepi on Thursday 19 March 2026) even inside the hours', () => {
    const quiet = { ...window, quietDates: ['2026-03-19', '2026-03-20'] };
    expect(holdUntil(jakartaInstant('2026-03-19', 10, 0), quiet)).toBe(jakartaInstant('2026-03-21', 8, 0));
  });
});
