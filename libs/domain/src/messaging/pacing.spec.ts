import { jakartaInstant } from '../calendar';
import { DEFAULT_PACING, EMPTY_PACING, nextSendAt, recordSend, type PacingState } from './pacing';
import type { MessagingWindow } from './hold-until';

const window: MessagingWindow = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', quietDates: [] };
const monday = (hour: number, minute = 0) => jakartaInstant('2026-03-09', hour, minute);
const low = () => 0;
const high = () => 0.999;

describe(nextSendAt.name, () => {
  it('sends the first message at once inside the window', () => {
    expect(nextSendAt(EMPTY_PACING, monday(9), DEFAULT_PACING, window, low)).toBe(monday(9));
  });

  it('waits 8 s (and at most 15 s + 5 s jitter) after the previous message', () => {
    const state = recordSend(EMPTY_PACING, monday(9), DEFAULT_PACING);
    expect(nextSendAt(state, monday(9), DEFAULT_PACING, window, low)).toBe(monday(9) + 8_000);
    expect(nextSendAt(state, monday(9), DEFAULT_PACING, window, high)).toBeLessThanOrEqual(monday(9) + 20_000);
    expect(nextSendAt(state, monday(9), DEFAULT_PACING, window, high)).toBeGreaterThan(monday(9) + 19_000);
  });

  it('pauses 5 minutes after a batch of 10', () => {
    let state: PacingState = EMPTY_PACING;
    for (let i = 0; i < 10; i++) state = recordSend(state, monday(9) + i * 8_000, DEFAULT_PACING);
    expect(nextSendAt(state, monday(9, 2), DEFAULT_PACING, window, low)).toBe(monday(9) + 72_000 + 300_000);
    expect(recordSend(state, monday(9, 10), DEFAULT_PACING).inBatch).toBe(1);
  });

  it('holds the 51st message of an hour until the first of them is an hour old', () => {
    let state: PacingState = EMPTY_PACING;
    for (let i = 0; i < 50; i++) state = recordSend(state, monday(9) + i * 60_000, DEFAULT_PACING);
    expect(nextSendAt({ ...state, inBatch: 0 }, monday(9, 50), DEFAULT_PACING, window, low)).toBe(monday(10));
  });

  it('holds the 301st message of a day until the window opens the next day', () => {
    const state: PacingState = { lastHour: [monday(15)], day: '2026-03-09', sentToday: 300, inBatch: 1 };
    expect(nextSendAt(state, monday(15, 1), DEFAULT_PACING, window, low)).toBe(jakartaInstant('2026-03-10', 8, 0));
    expect(nextSendAt({ ...state, sentToday: 299 }, monday(15, 1), DEFAULT_PACING, window, low)).toBe(monday(15, 1));
  });

  it('holds messages outside the send window (Saturday 20:00 → Monday 08:00)', () => {
    expect(nextSendAt(EMPTY_PACING, jakartaInstant('2026-03-14', 20, 0), DEFAULT_PACING, window, low)).toBe(jakartaInstant('2026-03-16', 8, 0));
  });
});
