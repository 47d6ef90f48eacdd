/**
 * PauseActivity, UnpauseActivity and ResetActivity on a workflow's pending activities, as the real server runs
 * them. Pausing a queued or backing-off activity stops it at once (describe: PAUSED); a started attempt keeps
 * running (PAUSE_REQUESTED) and learns of the pause from its heartbeat response (`activityPaused`, which the SDK
 * turns into a cancellation with `cancellationDetails.paused`); when that attempt fails the activity waits, paused,
 * for an unpause instead of retrying. Unpausing queues the next attempt (after an optional random jitter),
 * optionally from attempt 1 and without heartbeat details. Resetting sets the attempt back to 1 and starts it at
 * once (a started attempt learns of it through `activityReset`, and its end starts attempt 1); `keepPaused` leaves a
 * paused activity paused. Activities are picked by id, by type, or all of them.
 */
import { invalidArgument, notFound } from '../errors';
import { msFromDur, temporal, tsFromMs, wfs } from '../proto';
import { ActivityState, isOpen, Run } from '../state/run';
import type { Engine } from './engine';

type Selector = { id?: string | null; type?: string | null; all?: boolean | null };

/** The run's pending activities the request names; INVALID_ARGUMENT without a selector, NOT_FOUND when none match. */
function selected(run: Run, selector: Selector): ActivityState[] {
  if (!selector.id && !selector.type && !selector.all) throw invalidArgument('Either activity id or activity type must be provided.');
  if (!isOpen(run)) throw notFound('workflow execution already completed');
  const matches = Object.values(run.activities).filter(
    (a) => selector.all || (selector.id ? a.activityId === selector.id : a.activityType === selector.type),
  );
  if (matches.length === 0) {
    throw notFound(selector.id ? `activity id ${selector.id} not found` : `no pending activities of type ${selector.type ?? ''}`);
  }
  return matches;
}

export function pauseActivities(engine: Engine, run: Run, req: wfs.IPauseActivityRequest): void {
  for (const activity of selected(run, { id: req.id, type: req.type })) {
    if (activity.pause) continue;
    activity.pause = { at: engine.now(), identity: req.identity ?? '', reason: req.reason ?? '' };
    if (activity.phase === 'scheduled' || activity.phase === 'backoff') {
      activity.phase = 'paused';
      activity.retryAt = undefined;
    }
  }
  changed(engine, run);
}

export function unpauseActivities(engine: Engine, run: Run, req: wfs.IUnpauseActivityRequest): void {
  for (const activity of selected(run, { id: req.id, type: req.type, all: req.unpauseAll })) {
    if (!activity.pause) continue;
    activity.pause = undefined;
    if (req.resetAttempts && activity.phase !== 'started') activity.attempt = 1;
    if (req.resetHeartbeat) activity.heartbeatDetails = undefined;
    if (activity.phase === 'paused') nextAttempt(engine, run, activity, msFromDur(req.jitter));
  }
  changed(engine, run);
}

export function resetActivities(engine: Engine, run: Run, req: wfs.IResetActivityRequest): void {
  for (const activity of selected(run, { id: req.id, type: req.type, all: req.matchAll })) {
    if (req.resetHeartbeat) activity.heartbeatDetails = undefined;
    if (activity.phase === 'started') {
      activity.resetRequested = { keepPaused: req.keepPaused === true };
      continue;
    }
    activity.attempt = 1;
    if (activity.pause && req.keepPaused) {
      activity.phase = 'paused';
      continue;
    }
    activity.pause = undefined;
    nextAttempt(engine, run, activity, msFromDur(req.jitter));
  }
  changed(engine, run);
}

/** The activity's current attempt, queued now or after a random part of `jitterMs`. */
function nextAttempt(engine: Engine, run: Run, activity: ActivityState, jitterMs: number): void {
  const now = engine.now();
  if (jitterMs > 0) {
    activity.phase = 'backoff';
    activity.retryAt = now + Math.floor(Math.random() * jitterMs);
    return;
  }
  activity.phase = 'scheduled';
  activity.retryAt = undefined;
  activity.attemptScheduledAt = now;
  engine.activities.enqueue(run, activity);
}

function changed(engine: Engine, run: Run): void {
  engine.touch(run);
  engine.arm(run);
}

/** Describe's view of an activity's pause: `paused` and `pauseInfo`. */
export function pauseView(activity: ActivityState): Pick<temporal.api.workflow.v1.IPendingActivityInfo, 'paused' | 'pauseInfo'> {
  if (!activity.pause) return {};
  return {
    paused: true,
    pauseInfo: {
      pauseTime: tsFromMs(activity.pause.at),
      manual: { identity: activity.pause.identity, reason: activity.pause.reason },
    },
  };
}
