import { type Instant, type IsoDate, jakartaDateOf, jakartaInstant } from '../calendar';
import { type MessagingWindow, holdUntil } from './hold-until';

const SECOND = 1_000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

/** Anti-ban limits of one WhatsApp sender number (per mitra). */
export interface PacingLimits {
  minDelayMs: number;
  maxDelayMs: number;
  /** Random extra on top of every delay. */
  jitterMs: number;
  maxPerHour: number;
  maxPerDay: number;
  /** Messages in a row before the longer pause. */
  batchSize: number;
  batchPauseMs: number;
}

/**
 * 004 "Strategi Anti-Banned WhatsApp": 8–15 s between messages plus 0–5 s jitter, at most 50 per hour and 300 per
 * day per number; #21: batches of 10, then a 5-minute pause (004's cooldown), so bulk sends never look like a burst.
 */
export const DEFAULT_PACING: PacingLimits = {
  minDelayMs: 8 * SECOND,
  maxDelayMs: 15 * SECOND,
  jitterMs: 5 * SECOND,
  maxPerHour: 50,
  maxPerDay: 300,
  batchSize: 10,
  batchPauseMs: 5 * 60 * SECOND,
};

/** What a sender has sent: the last hour's send times, today's count (Asia/Jakarta) and the current batch. */
export interface PacingState {
  lastHour: Instant[];
  day: IsoDate | null;
  sentToday: number;
  inBatch: number;
}

export const EMPTY_PACING: PacingState = { lastHour: [], day: null, sentToday: 0, inBatch: 0 };

/**
 * The earliest instant at or after `now` at which the next message may go: the random gap after the previous one
 * (the batch pause after a full batch), no more than `maxPerHour` in any hour and `maxPerDay` in a Jakarta day, and
 * only inside the send window. `random` gives numbers in [0, 1) (the workflow's deterministic `Math.random`).
 */
export function nextSendAt(state: PacingState, now: Instant, limits: PacingLimits, window: MessagingWindow, random: () => number): Instant {
  const last = state.lastHour[state.lastHour.length - 1];
  let at = now;
  if (last !== undefined) {
    const gap = state.inBatch >= limits.batchSize ? limits.batchPauseMs : limits.minDelayMs + random() * (limits.maxDelayMs - limits.minDelayMs);
    at = Math.max(at, Math.round(last + gap + random() * limits.jitterMs));
  }
  for (let guard = 0; guard < 10; guard++) {
    const inHour = state.lastHour.filter((sent) => sent > at - HOUR);
    if (inHour.length >= limits.maxPerHour) at = Math.max(at, inHour[inHour.length - limits.maxPerHour] + HOUR);
    if (jakartaDateOf(at) === state.day && state.sentToday >= limits.maxPerDay) at = jakartaInstant(jakartaDateOf(at + DAY));
    const opened = holdUntil(at, window);
    if (opened === at) return at;
    at = opened;
  }
  return at;
}

/** The state after a message went out at `at`. */
export function recordSend(state: PacingState, at: Instant, limits: PacingLimits): PacingState {
  const day = jakartaDateOf(at);
  return {
    lastHour: [...state.lastHour.filter((sent) => sent > at - HOUR), at],
    day,
    sentToday: day === state.day ? state.sentToday + 1 : 1,
    inBatch: state.inBatch >= limits.batchSize ? 1 : state.inBatch + 1,
  };
}
