/**
 * What follows a run that closes by itself: a retry (workflow retry policy) or the cron's next run, each a new
 * run of the same workflow, as the real server decides. Terminated and canceled runs end the chain.
 */
import { invalidArgument } from '../errors';
import { common, enums, failure } from '../proto';
import { CompiledSpec } from '../schedules/schedule-spec';
import { SpecError } from '../schedules/calendar';
import { Run } from '../state/run';
import { computeRetry } from './retry';

const Initiator = enums.ContinueAsNewInitiator;
const RetryState = enums.RetryState;

export interface Continuation {
  backoffMs: number;
  initiator: enums.ContinueAsNewInitiator;
  attempt: number;
  continuedFailure?: failure.IFailure | null;
  lastCompletionResult?: common.IPayloads | null;
}

const compiledCrons = new Map<string, CompiledSpec>();

/** The compiled cron schedule; INVALID_ARGUMENT ("Invalid CronSchedule.") when it does not parse. */
export function compiledCron(cronSchedule: string): CompiledSpec {
  let spec = compiledCrons.get(cronSchedule);
  if (!spec) {
    try {
      spec = new CompiledSpec({ cronString: [cronSchedule] });
    } catch (error) {
      if (error instanceof SpecError) throw invalidArgument('Invalid CronSchedule.');
      throw error;
    }
    compiledCrons.set(cronSchedule, spec);
  }
  return spec;
}

/** Time from `now` to the cron's next match, rounded up to whole seconds as the real server does. */
export function cronBackoffMs(cronSchedule: string, now: number): number {
  const next = compiledCron(cronSchedule).nominalAfter(now);
  return next === undefined ? 0 : Math.ceil((next - now) / 1000) * 1000;
}

function cronNext(run: Run, now: number, lastCompletionResult: common.IPayloads | null | undefined, cause?: failure.IFailure): Continuation | undefined {
  if (!run.cronSchedule) return undefined;
  return { backoffMs: cronBackoffMs(run.cronSchedule, now), initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE, attempt: 1, continuedFailure: cause, lastCompletionResult };
}

/** After a completion: the cron's next run (with this run's result), if any. */
export function afterCompletion(run: Run, result: common.IPayloads | null | undefined, now: number): Continuation | undefined {
  return cronNext(run, now, result);
}

/**
 * After a failure or a run timeout: a retry while the policy allows, else the cron's next run (which keeps the
 * last completion result this run started with); with the retry state for the close event.
 */
export function afterFailure(run: Run, cause: failure.IFailure, now: number): { retryState: enums.RetryState; next?: Continuation } {
  let retryState: enums.RetryState = RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET;
  const attempt = run.attempt ?? 1;
  if (run.retry) {
    const decision = computeRetry(run.retry, attempt, cause, now, run.executionExpiresAt);
    if (decision.retry) {
      const next = { backoffMs: decision.delayMs, initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY, attempt: attempt + 1, continuedFailure: cause };
      return { retryState: RetryState.RETRY_STATE_IN_PROGRESS, next };
    }
    retryState = decision.retryState;
  }
  const started = run.events[0]?.workflowExecutionStartedEventAttributes;
  return { retryState, next: cronNext(run, now, started?.lastCompletionResult, cause) };
}
