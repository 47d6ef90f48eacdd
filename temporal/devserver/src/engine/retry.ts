/**
 * Activity retry policy: server defaults and the retry decision after a failed or timed-out attempt.
 */
import { common, durFromMs, enums, failure, msFromDur } from '../proto';
import { RetryPolicy } from '../state/run';

/** Server default: first retry after 1 s. */
export const DEFAULT_INITIAL_INTERVAL_MS = 1000;
/** Server default: each retry waits twice as long as the previous one. */
export const DEFAULT_BACKOFF_COEFFICIENT = 2;
/** Server default: the wait is capped at 100 × the initial interval. */
export const DEFAULT_MAXIMUM_INTERVAL_FACTOR = 100;

/** The policy as the server records it on events (defaults filled in). */
export function retryPolicyMessage(policy: RetryPolicy): common.IRetryPolicy {
  return {
    initialInterval: durFromMs(policy.initialIntervalMs),
    backoffCoefficient: policy.backoffCoefficient,
    maximumInterval: durFromMs(policy.maximumIntervalMs),
    maximumAttempts: policy.maximumAttempts,
    nonRetryableErrorTypes: policy.nonRetryableErrorTypes,
  };
}

export function retryPolicyWithDefaults(policy: common.IRetryPolicy | null | undefined): RetryPolicy {
  const initialIntervalMs = msFromDur(policy?.initialInterval) || DEFAULT_INITIAL_INTERVAL_MS;
  return {
    initialIntervalMs,
    backoffCoefficient: policy?.backoffCoefficient || DEFAULT_BACKOFF_COEFFICIENT,
    maximumIntervalMs: msFromDur(policy?.maximumInterval) || initialIntervalMs * DEFAULT_MAXIMUM_INTERVAL_FACTOR,
    maximumAttempts: policy?.maximumAttempts ?? 0,
    nonRetryableErrorTypes: policy?.nonRetryableErrorTypes ?? [],
  };
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryState: enums.RetryState };

/**
 * Whether attempt `attempt` (of an activity or a whole workflow), which just failed with `cause`, is retried and
 * after how long; no retry may start at or after `deadline` (schedule-to-close, execution expiration).
 */
export function computeRetry(policy: RetryPolicy, attempt: number, cause: failure.IFailure, now: number, deadline?: number): RetryDecision {
  const RS = enums.RetryState;
  const app = cause.applicationFailureInfo;
  if (app?.nonRetryable || (app?.type && policy.nonRetryableErrorTypes.includes(app.type))) {
    return { retry: false, retryState: RS.RETRY_STATE_NON_RETRYABLE_FAILURE };
  }
  if (policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts) {
    return { retry: false, retryState: RS.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED };
  }
  const explicitDelay = msFromDur(app?.nextRetryDelay);
  const delayMs =
    explicitDelay ||
    Math.min(policy.initialIntervalMs * Math.pow(policy.backoffCoefficient, attempt - 1), policy.maximumIntervalMs);
  if (deadline !== undefined && now + delayMs >= deadline) {
    return { retry: false, retryState: RS.RETRY_STATE_TIMEOUT };
  }
  return { retry: true, delayMs };
}

const TIMEOUT_NAMES: Record<number, string> = {
  [enums.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE]: 'StartToClose',
  [enums.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START]: 'ScheduleToStart',
  [enums.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE]: 'ScheduleToClose',
  [enums.TimeoutType.TIMEOUT_TYPE_HEARTBEAT]: 'Heartbeat',
};

/** The failure the server records for an activity timeout (message worded like the real server's). */
export function timeoutFailure(type: enums.TimeoutType, heartbeatDetails: Uint8Array | undefined): failure.IFailure {
  return {
    message: `activity ${TIMEOUT_NAMES[type]} timeout`,
    source: 'Server',
    timeoutFailureInfo: {
      timeoutType: type,
      lastHeartbeatDetails: heartbeatDetails ? common.Payloads.decode(heartbeatDetails) : undefined,
    },
  };
}
