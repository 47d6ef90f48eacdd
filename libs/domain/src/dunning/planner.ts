import type { Instant } from '../calendar';
import type { CatchUp } from './catch-up';
import { type DunningInvoice, settledReason } from './invoice';
import type { DunningAction, DunningPolicy, DunningStep } from './policy';
import { nextSendWindowOpening } from './send-window';
import { jakartaInstantAt, parseWallTime } from './wall-clock';

/** Everything the planner looks at. All times are passed in; nothing reads the clock. */
export interface PlanInput {
  policy: DunningPolicy;
  invoice: DunningInvoice;
  /** Ids of steps already run for this invoice (the workflow adds `stepIds` of each occurrence it ran). */
  completedStepIds: readonly string[];
  /** The customer's current promise to pay, if any: held actions wait until `until` (exclusive). */
  promise?: { until: Instant };
  /** Dunning paused by an operator: nothing is scheduled until it resumes. */
  paused?: boolean;
  /** Already suspended (e.g. by an operator): `suspend_warning` and `suspend` actions are dropped. */
  suspended?: boolean;
  /** A late fee was already charged or waived on this invoice: `late_fee` actions are dropped (once per invoice). */
  lateFeeCharged?: boolean;
  /** The workflow missed the moment of a step and re-plans from `catchUp.at` (rule 7). */
  catchUp?: CatchUp;
  now: Instant;
}

/** One run of the ladder: one step, or several overdue steps coalesced into one run. */
export interface DunningOccurrence {
  /** The step this run is named after: the latest of the coalesced steps. */
  step: DunningStep;
  /** Every step this run completes, in policy order (more than one when overdue steps are coalesced). */
  stepIds: string[];
  /** The actions to run, in order. */
  actions: DunningAction[];
  /** Templates of the `notify` actions of coalesced steps that are not sent (an older reminder, rule 5 and 7). */
  skippedNotices: string[];
  /** When the policy schedules `step`: due date + offset at its time of day, before any waiting. */
  scheduledAt: Instant;
  /** When to run: never before `now`, inside the send window when the actions require it. */
  at: Instant;
}

export type DunningDecision =
  | ({ kind: 'step' } & DunningOccurrence)
  | { kind: 'wait-promise'; until: Instant }
  | { kind: 'paused' }
  | { kind: 'done'; reason: 'paid' | 'void' | 'completed' };

/** Actions a promise to pay holds back until it expires; plain reminders before them still go out. */
const HELD_BY_PROMISE: ReadonlySet<DunningAction['type']> = new Set(['late_fee', 'suspend_warning', 'suspend']);

interface PendingStep {
  step: DunningStep;
  actions: DunningAction[];
  scheduledAt: Instant;
}

/**
 * The next thing dunning should do for an invoice, and exactly when.
 *
 * Rules, in order:
 * 1. Void → done `void`; paid or balance ≤ 0 → done `paid`. A partial payment changes nothing: the ladder
 *    continues on the balance.
 * 2. Paused → `paused` (re-plan on resume).
 * 3. Steps already completed are never repeated. Actions that no longer apply are dropped (`late_fee` once a fee
 *    was charged or waived, `suspend_warning`/`suspend` once suspended); a step left without actions is skipped.
 * 4. A step runs at due date + `dayOffset` at its time (WIB), or now if that has passed: due steps are never
 *    skipped. Customer messages (`notify`, `suspend_warning`) and, with `suspendOnlyInWorkingHours`, `suspend`
 *    wait for the next send-window opening.
 * 5. Overdue steps coalesce into one run (after a pause, a long promise, or a window wait that reached the next
 *    step): fee, warning and suspend actions all run, in policy order, but only the latest `notify` is sent,
 *    so the customer does not get several reminders at once.
 *    At most one late fee runs per run (the first), and none once a fee was charged or waived (rule 3).
 * 6. While a promise is active (`until` after the run time) steps with a late fee, warning or suspension wait:
 *    `wait-promise` until it expires. Plain reminder steps before them still run; nothing overtakes a held step.
 *    At expiry the held steps are due and run by rule 4–5.
 * 7. Catch-up (`catchUp` set: the workflow did not run when a step was due, after a worker outage or a clock jump):
 *    the ladder is re-planned from `catchUp.at` rather than replayed. The missed steps coalesce into one run by
 *    rule 4–5, so reminders whose moment passed are skipped for the latest one and the fee is charged once; when
 *    the run carries a suspend warning, the warning is the only message. Isolir never comes with or before the
 *    warning that announces it: a suspend step waits while the warning step before it is still pending, and after
 *    a warning sent at `catchUp.warnedAt` it waits the policy's full gap between the two steps from then on.
 */
export function planNextStep(input: PlanInput): DunningDecision {
  const settled = settledReason(input.invoice);
  if (settled) return { kind: 'done', reason: settled };
  if (input.paused) return { kind: 'paused' };
  const pending = pendingSteps(input);
  if (pending.length === 0) return { kind: 'done', reason: 'completed' };

  const catchingUp = input.catchUp !== undefined;
  const next = occurrence(pending, input.now, input.policy, catchingUp);
  const promiseUntil = input.promise?.until;
  if (promiseUntil === undefined || next.at >= promiseUntil || !next.actions.some(isHeldByPromise)) {
    return { kind: 'step', ...next };
  }
  const beforeHeld = pending.slice(0, pending.findIndex((pendingStep) => pendingStep.actions.some(isHeldByPromise)));
  if (beforeHeld.length > 0) {
    const reminder = occurrence(beforeHeld, input.now, input.policy, catchingUp);
    if (reminder.at < promiseUntil) return { kind: 'step', ...reminder };
  }
  return { kind: 'wait-promise', until: promiseUntil };
}

/**
 * Every run from `input.now` on, assuming no payment arrives: what this invoice would go through under
 * `input.policy`. A promise is assumed broken at expiry. Runs after `horizon` (inclusive bound) are left out.
 * Pure: no side effects.
 */
export function previewPlan(input: PlanInput, horizon: Instant = Number.POSITIVE_INFINITY): DunningOccurrence[] {
  const plan: DunningOccurrence[] = [];
  let state: PlanInput = input;
  // Terminates: every `step` completes at least one step id and `wait-promise` clears the promise.
  for (;;) {
    const decision = planNextStep(state);
    if (decision.kind === 'wait-promise') {
      state = { ...state, promise: undefined, now: Math.max(state.now, decision.until) };
      continue;
    }
    if (decision.kind !== 'step' || decision.at > horizon) return plan;
    const { kind: _kind, ...run } = decision;
    plan.push(run);
    const catchUp = state.catchUp && catchUpAfterRun(state.catchUp, run);
    state = { ...state, now: run.at, completedStepIds: [...state.completedStepIds, ...run.stepIds], catchUp };
  }
}

/** The catch-up after `run` has run: a suspend warning in it starts the notice period isolir waits for (rule 7). */
export function catchUpAfterRun(catchUp: CatchUp, run: DunningOccurrence): CatchUp {
  return run.actions.some((action) => action.type === 'suspend_warning') ? { ...catchUp, warnedAt: run.at } : catchUp;
}

/** Whether a new invoice should be issued for a subscription (004_: isolir stops billing unless the policy says otherwise). */
export function shouldIssueInvoice(policy: DunningPolicy, suspended: boolean): boolean {
  return !suspended || policy.issueWhileSuspended;
}

function isHeldByPromise(action: DunningAction): boolean {
  return HELD_BY_PROMISE.has(action.type);
}

function pendingSteps({ policy, invoice, completedStepIds, suspended, lateFeeCharged, catchUp }: PlanInput): PendingStep[] {
  const applies = (action: DunningAction) =>
    !(lateFeeCharged && action.type === 'late_fee') &&
    !(suspended && (action.type === 'suspend_warning' || action.type === 'suspend'));
  const pending = policy.steps
    .filter((step) => !completedStepIds.includes(step.id))
    .map((step) => ({ step, actions: step.actions.filter(applies), scheduledAt: scheduledAt(policy, step, invoice.dueDate) }))
    .filter((pendingStep) => pendingStep.actions.length > 0);
  if (!catchUp) return pending;
  return pending.map((pendingStep) => withFullNotice(pendingStep, pending, policy, invoice.dueDate, catchUp));
}

/**
 * Rule 7: a suspend step waits while the warning step before it is pending (scheduled at infinity, so nothing after
 * it overtakes it either), and after a catch-up warning until `warnedAt` plus the policy's warning→suspend gap.
 */
function withFullNotice(pendingStep: PendingStep, pending: PendingStep[], policy: DunningPolicy, dueDate: string, catchUp: CatchUp): PendingStep {
  if (!pendingStep.actions.some((action) => action.type === 'suspend')) return pendingStep;
  const warning = policy.steps
    .slice(0, policy.steps.indexOf(pendingStep.step))
    .reverse()
    .find((step) => step.actions.some((action) => action.type === 'suspend_warning'));
  if (!warning) return pendingStep;
  if (pending.some((other) => other.step === warning)) return { ...pendingStep, scheduledAt: Number.POSITIVE_INFINITY };
  if (catchUp.warnedAt === undefined) return pendingStep;
  const gap = pendingStep.scheduledAt - scheduledAt(policy, warning, dueDate);
  return { ...pendingStep, scheduledAt: Math.max(pendingStep.scheduledAt, catchUp.warnedAt + gap) };
}

function scheduledAt(policy: DunningPolicy, step: DunningStep, dueDate: string): Instant {
  const minuteOfDay = parseWallTime(step.time ?? policy.stepTime);
  if (minuteOfDay === undefined) throw new RangeError(`Step ${step.id} has no valid time; validate the policy first`);
  return jakartaInstantAt(dueDate, step.dayOffset, minuteOfDay);
}

/**
 * The first run from `pending` (ordered by time): starting at the first step's time or now, whichever is later,
 * it takes every step due by then, waits for the send window if its actions need it, and takes in any further
 * steps that fell due while waiting, until stable.
 */
function occurrence(pending: PendingStep[], now: Instant, policy: DunningPolicy, catchingUp: boolean): DunningOccurrence {
  const start = Math.max(now, pending[0].scheduledAt);
  let count = countDue(pending, start);
  for (;;) {
    const batch = pending.slice(0, count);
    const { actions, skippedNotices } = coalesceActions(batch, catchingUp);
    const at = needsSendWindow(actions, policy) ? nextSendWindowOpening(start, policy.sendWindow) : start;
    const dueByThen = countDue(pending, at);
    if (dueByThen === count) {
      const last = batch[batch.length - 1];
      return { step: last.step, stepIds: batch.map(({ step }) => step.id), actions, skippedNotices, scheduledAt: last.scheduledAt, at };
    }
    count = dueByThen;
  }
}

function countDue(pending: PendingStep[], instant: Instant): number {
  const firstLater = pending.findIndex((pendingStep) => pendingStep.scheduledAt > instant);
  return firstLater === -1 ? pending.length : firstLater;
}

/**
 * All actions in order, except that only the last `notify` survives (none when catching up with a suspend warning
 * among several steps: the warning is the one message) and only the first `late_fee`.
 */
function coalesceActions(batch: PendingStep[], catchingUp: boolean): { actions: DunningAction[]; skippedNotices: string[] } {
  const actions = batch.flatMap((pendingStep) => pendingStep.actions);
  const types = actions.map((action) => action.type);
  const warningSpeaksForAll = catchingUp && batch.length > 1 && types.includes('suspend_warning');
  const keptNotify = warningSpeaksForAll ? -1 : types.lastIndexOf('notify');
  const keptLateFee = types.indexOf('late_fee');
  const kept = (action: DunningAction, index: number) =>
    (action.type !== 'notify' || index === keptNotify) && (action.type !== 'late_fee' || index === keptLateFee);
  return {
    actions: actions.filter(kept),
    skippedNotices: actions.flatMap((action, index) => (action.type === 'notify' && !kept(action, index) ? [action.template] : [])),
  };
}

function needsSendWindow(actions: DunningAction[], policy: DunningPolicy): boolean {
  return actions.some(
    (action) =>
      action.type === 'notify' ||
      action.type === 'suspend_warning' ||
      (action.type === 'suspend' && policy.suspendOnlyInWorkingHours),
  );
}
