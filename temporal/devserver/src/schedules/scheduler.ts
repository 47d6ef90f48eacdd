/**
 * Schedules as the real server runs them (its per-schedule scheduler workflow, here native): the spec's
 * action times armed in the engine's timer queue (so time skipping honours them), the catch-up window,
 * pause, limited actions, the overlap policies with their buffer, trigger and backfill, pause on failure,
 * and the started workflows' `TemporalScheduledById` / `TemporalScheduledStartTime` search attributes.
 */
import { common, enums, failure, HistoryEvent, int64, msFromDur } from '../proto';
import { attributesOf } from '../state/events';
import { isOpen, Run } from '../state/run';
import { encodeSearchAttributePayload, IndexedValueType } from '../visibility';
import type { Engine } from '../engine/engine';
import { CompiledSpec, SpecTime } from './schedule-spec';
import { BufferedStart, ScheduleEntry } from './schedule-state';

const Overlap = enums.ScheduleOverlapPolicy;
const Status = enums.WorkflowExecutionStatus;

/** Server default catch-up window: one year. */
export const DEFAULT_CATCHUP_WINDOW_MS = 365 * 86_400_000;
/** The server raises shorter catch-up windows to 10 s. */
export const MIN_CATCHUP_WINDOW_MS = 10_000;
/** Most starts the buffer holds; more are dropped (`bufferDropped`). */
export const MAX_BUFFER_SIZE = 1000;
/** Recent actions kept for describe. */
export const RECENT_ACTIONS_KEPT = 10;
/** Missed action times counted one by one before the rest of a long gap is skipped in one step. */
const MAX_MISSED_COUNTED = 1000;

export function catchupWindowMs(entry: ScheduleEntry): number {
  return Math.max(msFromDur(entry.schedule.policies?.catchupWindow) || DEFAULT_CATCHUP_WINDOW_MS, MIN_CATCHUP_WINDOW_MS);
}

export function overlapPolicy(entry: ScheduleEntry, requested = 0): number {
  return requested || entry.schedule.policies?.overlapPolicy || Overlap.SCHEDULE_OVERLAP_POLICY_SKIP;
}

/** Go's RFC 3339 form of a UTC time in whole seconds, as appended to scheduled workflow ids. */
function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function scheduleKey(namespace: string, scheduleId: string): string {
  return `${namespace}\u0000${scheduleId}`;
}

export class Scheduler {
  private readonly specs = new Map<string, CompiledSpec>();
  private readonly byWorkflow = new Map<string, string>();
  private readonly armedAt = new Map<string, number>();
  private processing = false;

  constructor(
    private readonly engine: Engine,
    private readonly entries: Map<string, ScheduleEntry>,
    private readonly changed: (entry: ScheduleEntry) => void,
  ) {}

  spec(entry: ScheduleEntry): CompiledSpec {
    const key = scheduleKey(entry.namespace, entry.scheduleId);
    let spec = this.specs.get(key);
    if (!spec) {
      spec = new CompiledSpec(entry.schedule.spec ?? {});
      this.specs.set(key, spec);
    }
    return spec;
  }

  /** The schedule's spec or state changed: recompile and re-arm. */
  reset(entry: ScheduleEntry): void {
    const key = scheduleKey(entry.namespace, entry.scheduleId);
    this.specs.delete(key);
    this.armedAt.delete(key);
    for (const w of entry.running) this.byWorkflow.set(scheduleKey(entry.namespace, w.workflowId), key);
  }

  forget(entry: ScheduleEntry): void {
    const key = scheduleKey(entry.namespace, entry.scheduleId);
    this.specs.delete(key);
    this.armedAt.delete(key);
    for (const w of entry.running) this.byWorkflow.delete(scheduleKey(entry.namespace, w.workflowId));
  }

  /** The next action times (at most `n`), as describe and list show them. */
  futureTimes(entry: ScheduleEntry, n: number): SpecTime[] {
    const state = entry.schedule.state;
    const limit = state?.limitedActions ? Math.min(n, Number(state.remainingActions ?? 0)) : n;
    return this.spec(entry).between(Math.max(entry.lastNominal, this.engine.now()), Infinity, entry.scheduleId, limit);
  }

  /** Takes every action due by now, starts what the overlap policy allows, arms the next deadline. */
  process(entry: ScheduleEntry): void {
    const now = this.engine.now();
    this.collectDue(entry, now);
    this.processBuffer(entry);
    this.arm(entry);
    this.changed(entry);
  }

  /** Adds a manual start (trigger or backfill) and processes the buffer. */
  addManual(entry: ScheduleEntry, starts: BufferedStart[]): void {
    for (const start of starts) this.buffer(entry, start);
    this.process(entry);
  }

  private collectDue(entry: ScheduleEntry, now: number): void {
    const spec = this.spec(entry);
    const state = entry.schedule.state;
    if (state?.paused) {
      entry.lastNominal = Math.max(entry.lastNominal, now);
      return;
    }
    const window = catchupWindowMs(entry);
    let missed = 0;
    for (let t = spec.next(entry.lastNominal, entry.scheduleId); t && t.actual <= now; t = spec.next(entry.lastNominal, entry.scheduleId)) {
      entry.lastNominal = t.nominal;
      if (state?.limitedActions && Number(state.remainingActions ?? 0) <= 0) continue;
      if (now - t.actual > window) {
        entry.missedCatchupWindow += 1;
        if (++missed >= MAX_MISSED_COUNTED) entry.lastNominal = Math.max(entry.lastNominal, now - window);
        continue;
      }
      this.buffer(entry, { nominal: t.nominal, actual: t.actual, overlap: 0, manual: false });
    }
  }

  private buffer(entry: ScheduleEntry, start: BufferedStart): void {
    if (entry.buffer.length >= MAX_BUFFER_SIZE) entry.bufferDropped += 1;
    else entry.buffer.push(start);
  }

  private processBuffer(entry: ScheduleEntry): void {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        entry.running = entry.running.filter((w) => this.isRunning(entry.namespace, w.workflowId));
        let isRunning = entry.running.length > 0;
        const keep: BufferedStart[] = [];
        const starts: BufferedStart[] = [];
        let cancelOthers = false;
        let terminateOthers = false;
        for (const start of entry.buffer) {
          const policy = overlapPolicy(entry, start.overlap);
          if (policy === Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL) {
            starts.push(start);
          } else if (!isRunning && keep.length === 0) {
            starts.push(start);
            isRunning = true;
          } else if (policy === Overlap.SCHEDULE_OVERLAP_POLICY_SKIP) {
            entry.overlapSkipped += 1;
          } else if (policy === Overlap.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE) {
            if (keep.length === 0) keep.push(start);
            else entry.overlapSkipped += 1;
          } else {
            keep.push(start);
            cancelOthers ||= policy === Overlap.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
            terminateOthers ||= policy === Overlap.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
          }
        }
        entry.buffer = keep;
        for (const start of starts) this.startWorkflow(entry, start);
        if (terminateOthers && entry.running.length > 0) {
          for (const w of entry.running) this.stopRunning(entry, w.workflowId, 'terminate');
          continue;
        }
        if (cancelOthers) for (const w of entry.running) this.stopRunning(entry, w.workflowId, 'cancel');
        return;
      }
    } finally {
      this.processing = false;
    }
  }

  private isRunning(namespace: string, workflowId: string): boolean {
    const run = this.engine.currentRun(namespace, workflowId);
    return run !== undefined && isOpen(run);
  }

  private stopRunning(entry: ScheduleEntry, workflowId: string, how: 'cancel' | 'terminate'): void {
    const run = this.engine.currentRun(entry.namespace, workflowId);
    if (!run || !isOpen(run)) return;
    if (how === 'terminate') this.engine.lifecycle.terminate(run, 'terminated by schedule overlap policy', null, 'temporal-scheduler');
    else this.engine.lifecycle.requestCancel(run, 'canceled by schedule overlap policy', 'temporal-scheduler');
  }

  private startWorkflow(entry: ScheduleEntry, start: BufferedStart): void {
    const action = entry.schedule.action?.startWorkflow;
    const state = entry.schedule.state;
    if (!action) return;
    if (!start.manual && state?.limitedActions) {
      const remaining = Number(state.remainingActions ?? 0);
      if (remaining <= 0) return;
      state.remainingActions = int64(remaining - 1);
    }
    const workflowId = entry.schedule.policies?.keepOriginalWorkflowId
      ? action.workflowId ?? ''
      : `${action.workflowId ?? ''}-${rfc3339Seconds(start.nominal)}`;
    const searchAttributes = {
      ...(action.searchAttributes?.indexedFields ?? {}),
      TemporalScheduledStartTime: encodeSearchAttributePayload(new Date(start.nominal), IndexedValueType.INDEXED_VALUE_TYPE_DATETIME),
      TemporalScheduledById: encodeSearchAttributePayload(entry.scheduleId, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
    };
    try {
      const { runId } = this.engine.lifecycle.start(
        {
          ...action,
          namespace: entry.namespace,
          workflowId,
          searchAttributes: { indexedFields: searchAttributes },
          identity: 'temporal-scheduler',
          requestId: `${entry.scheduleId}-${start.nominal}-${start.actual}`,
          workflowIdReusePolicy: enums.WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
          workflowIdConflictPolicy: enums.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
          lastCompletionResult: entry.lastCompletionResult,
          continuedFailure: entry.lastFailure,
        },
        false,
      );
      entry.running.push({ workflowId, runId });
      this.byWorkflow.set(scheduleKey(entry.namespace, workflowId), scheduleKey(entry.namespace, entry.scheduleId));
      entry.recent.push({ scheduleTime: start.nominal, actualTime: this.engine.now(), workflowId, runId });
      if (entry.recent.length > RECENT_ACTIONS_KEPT) entry.recent.splice(0, entry.recent.length - RECENT_ACTIONS_KEPT);
      entry.actionCount += 1;
    } catch (error) {
      this.engine.log.warn(`schedule ${entry.scheduleId}: starting workflow ${workflowId} failed: ${(error as Error).message}`);
    }
  }

  /** A workflow closed for good: if a schedule started it, record its outcome and let buffered starts go. */
  onWorkflowClosed(run: Run, closeEvent: HistoryEvent): void {
    const workflowKey = scheduleKey(run.namespace, run.workflowId);
    const key = this.byWorkflow.get(workflowKey);
    const entry = key ? this.entries.get(key) : undefined;
    if (!entry) return;
    this.byWorkflow.delete(workflowKey);
    entry.running = entry.running.filter((w) => w.workflowId !== run.workflowId);
    const attributes = attributesOf<{ result?: common.IPayloads | null; failure?: failure.IFailure | null }>(closeEvent);
    if (run.status === Status.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      entry.lastCompletionResult = attributes.result ?? undefined;
      entry.lastFailure = undefined;
    } else if (run.status === Status.WORKFLOW_EXECUTION_STATUS_FAILED || run.status === Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT) {
      entry.lastFailure = attributes.failure ?? { message: 'workflow timed out', source: 'Server' };
      if (entry.schedule.policies?.pauseOnFailure) {
        entry.schedule.state = {
          ...entry.schedule.state,
          paused: true,
          notes: `paused due to workflow failure: ${run.workflowId}: ${run.status === Status.WORKFLOW_EXECUTION_STATUS_FAILED ? 'Failed' : 'TimedOut'}`,
        };
      }
    }
    this.process(entry);
  }

  arm(entry: ScheduleEntry): void {
    const key = scheduleKey(entry.namespace, entry.scheduleId);
    const state = entry.schedule.state;
    const exhausted = state?.limitedActions && Number(state.remainingActions ?? 0) <= 0;
    const next = state?.paused || exhausted ? undefined : this.spec(entry).next(entry.lastNominal, entry.scheduleId)?.actual;
    if (next === undefined) {
      this.armedAt.delete(key);
      return;
    }
    if (this.armedAt.get(key) === next) return;
    this.armedAt.set(key, next);
    this.engine.timers.add(next, () => {
      if (this.armedAt.get(key) !== next) return;
      this.armedAt.delete(key);
      const current = this.entries.get(key);
      if (!current) return;
      this.process(current);
      void this.engine.commit().catch((error) => this.engine.log.error('journal write failed', error));
    });
  }
}
