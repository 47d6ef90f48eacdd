import type { Instant } from '../calendar';

/**
 * The ladder re-planned from the moment the workflow ran again after it missed a step (worker outage, clock jump).
 * The planner's rule 7 reads it; the workflow keeps it on the invoice.
 */
export interface CatchUp {
  /** When the workflow ran again: pending steps scheduled up to here were missed. */
  at: Instant;
  /** When the suspend warning went out after `at`: isolir waits the policy's full warning→suspend gap from then. */
  warnedAt?: Instant;
}

/**
 * How late the workflow may wake before it counts as having missed its moment: 1 hour. Timers fire within seconds
 * and a retried activity within minutes; a step an hour late is still on its day and well inside the send window, so
 * the ladder as planned still makes sense. Later than that, the workflow did not run (worker down, clock jump).
 */
export const CATCH_UP_TOLERANCE_MS = 60 * 60 * 1000;

/** Whether a wake planned for `plannedAt` that happened at `now` means the workflow was not running meanwhile. */
export function missedItsMoment(plannedAt: Instant, now: Instant): boolean {
  return now - plannedAt > CATCH_UP_TOLERANCE_MS;
}

