import { addDaysToIsoDate, daysBetween, type Instant, type IsoDate, jakartaDateOf } from '../calendar';

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

/**
 * T+0 of the ladder of an invoice issued at `issuedAt` instead of `scheduledAt` (its H-1 issue moment passed while
 * the workflow was not running): the due date moved by the calendar days (Asia/Jakarta) it was issued late, so the
 * customer has the usual days to pay before any reminder, fee or warning. Issued on its day: the due date itself.
 */
export function ladderDueDate(dueDate: IsoDate, scheduledAt: Instant, issuedAt: Instant): IsoDate {
  const daysLate = daysBetween(jakartaDateOf(scheduledAt), jakartaDateOf(issuedAt));
  return daysLate > 0 ? addDaysToIsoDate(dueDate, daysLate) : dueDate;
}
