/**
 * The schedule API (`CreateSchedule` … `ListScheduleMatchingTimes`): validation with the server's
 * INVALID_ARGUMENT / ALREADY_EXISTS / NOT_FOUND / FAILED_PRECONDITION answers, describe and list views, and
 * the schedules' journal records (they survive restarts; missed actions are caught up within the window).
 */
import { ServiceError, GrpcCode, invalidArgument, notFound } from '../errors';
import { durFromMs, encode, enums, int64, msFromTs, temporal, tsFromMs, wfs } from '../proto';
import type { Engine } from '../engine/engine';
import { SpecError } from './calendar';
import { CompiledSpec } from './schedule-spec';
import { BufferedStart, fromScheduleRecord, ScheduleDeletionRecord, ScheduleEntry, ScheduleRecord, toScheduleRecord } from './schedule-state';
import { catchupWindowMs, overlapPolicy, scheduleKey, Scheduler } from './scheduler';
import { ScheduleVisibility } from './schedule-visibility';

type ScheduleMessage = temporal.api.schedule.v1.ISchedule;
type Patch = temporal.api.schedule.v1.ISchedulePatch;

/** Future action times in describe, and in list entries. */
const DESCRIBE_FUTURE_TIMES = 10;
const LIST_FUTURE_TIMES = 5;
const LIST_RECENT_ACTIONS = 5;
const DEFAULT_LIST_PAGE_SIZE = 1000;
/** Most times ListScheduleMatchingTimes and a backfill produce. */
const MAX_MATCHING_TIMES = 1000;

export class Schedules {
  private readonly entries = new Map<string, ScheduleEntry>();
  private readonly dirty = new Map<string, ScheduleRecord | ScheduleDeletionRecord>();
  private readonly scheduler: Scheduler;
  private readonly visibility: ScheduleVisibility;

  constructor(private readonly engine: Engine) {
    this.visibility = new ScheduleVisibility(engine.visibility);
    this.scheduler = new Scheduler(engine, this.entries, (entry) =>
      this.dirty.set(scheduleKey(entry.namespace, entry.scheduleId), toScheduleRecord(entry)),
    );
  }

  get size(): number {
    return this.entries.size;
  }

  create(req: wfs.ICreateScheduleRequest): wfs.ICreateScheduleResponse {
    const e = this.engine;
    const namespace = e.namespaces.get(req.namespace).name;
    const scheduleId = req.scheduleId ?? '';
    if (!scheduleId) throw invalidArgument('ScheduleId is not set on request.');
    const existing = this.entries.get(scheduleKey(namespace, scheduleId));
    if (existing) {
      if (req.requestId && existing.requestId === req.requestId) return { conflictToken: conflictToken(existing) };
      throw new ServiceError(GrpcCode.ALREADY_EXISTS, 'Schedule is already running', [
        {
          typeName: 'temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
          value: encode(temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure, { startRequestId: existing.requestId }),
        },
      ]);
    }
    const schedule = this.validated(namespace, req.schedule);
    const now = e.now();
    const entry: ScheduleEntry = {
      namespace,
      scheduleId,
      schedule,
      memo: { ...(req.memo?.fields ?? {}) },
      searchAttributes: e.visibility.validateStart(namespace, req.searchAttributes?.indexedFields),
      requestId: req.requestId ?? '',
      createTime: now,
      conflictToken: 1,
      lastNominal: now,
      buffer: [],
      running: [],
      recent: [],
      actionCount: 0,
      missedCatchupWindow: 0,
      overlapSkipped: 0,
      bufferDropped: 0,
    };
    this.entries.set(scheduleKey(namespace, scheduleId), entry);
    this.scheduler.reset(entry);
    if (req.initialPatch) this.applyPatch(entry, req.initialPatch);
    else this.scheduler.process(entry);
    return { conflictToken: conflictToken(entry) };
  }

  describe(req: wfs.IDescribeScheduleRequest): wfs.IDescribeScheduleResponse {
    const entry = this.find(req.namespace, req.scheduleId);
    return {
      schedule: this.scheduleView(entry),
      info: {
        actionCount: int64(entry.actionCount),
        missedCatchupWindow: int64(entry.missedCatchupWindow),
        overlapSkipped: int64(entry.overlapSkipped),
        bufferDropped: int64(entry.bufferDropped),
        bufferSize: int64(entry.buffer.length),
        runningWorkflows: entry.running.map((w) => ({ workflowId: w.workflowId, runId: w.runId })),
        recentActions: this.recentActions(entry, entry.recent.length),
        futureActionTimes: this.scheduler.futureTimes(entry, DESCRIBE_FUTURE_TIMES).map((t) => tsFromMs(t.actual)),
        createTime: tsFromMs(entry.createTime),
        updateTime: entry.updateTime !== undefined ? tsFromMs(entry.updateTime) : undefined,
      },
      memo: { fields: entry.memo },
      searchAttributes: { indexedFields: entry.searchAttributes },
      conflictToken: conflictToken(entry),
    };
  }

  update(req: wfs.IUpdateScheduleRequest): wfs.IUpdateScheduleResponse {
    const entry = this.find(req.namespace, req.scheduleId);
    if (req.conflictToken && req.conflictToken.length > 0 && !Buffer.from(req.conflictToken).equals(conflictToken(entry))) {
      throw new ServiceError(GrpcCode.FAILED_PRECONDITION, 'mismatched conflict token');
    }
    const schedule = this.validated(entry.namespace, req.schedule);
    // Actions due under the old spec are taken first; the new spec applies from now on.
    this.scheduler.process(entry);
    entry.schedule = schedule;
    if (req.memo) entry.memo = { ...(req.memo.fields ?? {}) };
    if (req.searchAttributes) entry.searchAttributes = this.engine.visibility.validateStart(entry.namespace, req.searchAttributes.indexedFields);
    entry.lastNominal = this.engine.now();
    entry.updateTime = this.engine.now();
    entry.conflictToken += 1;
    this.scheduler.reset(entry);
    this.scheduler.process(entry);
    return {};
  }

  patch(req: wfs.IPatchScheduleRequest): wfs.IPatchScheduleResponse {
    const entry = this.find(req.namespace, req.scheduleId);
    this.applyPatch(entry, req.patch ?? {});
    return {};
  }

  delete(req: wfs.IDeleteScheduleRequest): wfs.IDeleteScheduleResponse {
    const entry = this.find(req.namespace, req.scheduleId);
    const key = scheduleKey(entry.namespace, entry.scheduleId);
    this.entries.delete(key);
    this.scheduler.forget(entry);
    this.dirty.set(key, { scd: { namespace: entry.namespace, scheduleId: entry.scheduleId } });
    return {};
  }

  list(req: wfs.IListSchedulesRequest): wfs.IListSchedulesResponse {
    const namespace = this.engine.namespaces.get(req.namespace).name;
    const pageSize = req.maximumPageSize && req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_LIST_PAGE_SIZE;
    const offset = req.nextPageToken && req.nextPageToken.length > 0 ? Number(Buffer.from(req.nextPageToken).toString('utf8')) || 0 : 0;
    const all = this.matching(namespace, req.query);
    const page = all.slice(offset, offset + pageSize);
    return {
      schedules: page.map((entry) => ({
        scheduleId: entry.scheduleId,
        memo: { fields: entry.memo },
        searchAttributes: { indexedFields: entry.searchAttributes },
        info: {
          spec: this.scheduler.spec(entry).canonical,
          workflowType: entry.schedule.action?.startWorkflow?.workflowType,
          notes: entry.schedule.state?.notes ?? '',
          paused: entry.schedule.state?.paused ?? false,
          recentActions: this.recentActions(entry, LIST_RECENT_ACTIONS),
          futureActionTimes: this.scheduler.futureTimes(entry, LIST_FUTURE_TIMES).map((t) => tsFromMs(t.actual)),
        },
      })),
      nextPageToken: offset + pageSize < all.length ? Buffer.from(String(offset + pageSize)) : undefined,
    };
  }

  /** CountSchedules; also CountWorkflowExecutions with a query on the scheduler's namespace division. */
  count(req: wfs.ICountSchedulesRequest): wfs.ICountSchedulesResponse {
    const namespace = this.engine.namespaces.get(req.namespace).name;
    return { count: int64(this.matching(namespace, req.query).length), groups: [] };
  }

  matchingTimes(req: wfs.IListScheduleMatchingTimesRequest): wfs.IListScheduleMatchingTimesResponse {
    const entry = this.find(req.namespace, req.scheduleId);
    const start = msFromTs(req.startTime);
    const end = msFromTs(req.endTime);
    if (!req.startTime || !req.endTime || end < start) throw invalidArgument('StartTime and EndTime are required, EndTime not before StartTime.');
    const times = this.scheduler.spec(entry).between(start, end, entry.scheduleId, MAX_MATCHING_TIMES);
    return { startTime: times.map((t) => tsFromMs(t.actual)) };
  }

  /** A workflow closed for good (see {@link Scheduler.onWorkflowClosed}). */
  onWorkflowClosed(...args: Parameters<Scheduler['onWorkflowClosed']>): void {
    this.scheduler.onWorkflowClosed(...args);
  }

  // ---- persistence ---------------------------------------------------------------------------------

  /** Records of schedules changed since the last call. */
  takeDirty(): (ScheduleRecord | ScheduleDeletionRecord)[] {
    const records = [...this.dirty.values()];
    this.dirty.clear();
    return records;
  }

  *records(): Iterable<ScheduleRecord> {
    for (const entry of this.entries.values()) yield toScheduleRecord(entry);
  }

  /** Restores journaled schedules (after the runs), then takes what is due — within each catch-up window. */
  recover(records: (ScheduleRecord | ScheduleDeletionRecord)[]): void {
    for (const record of records) {
      if ('scd' in record) this.entries.delete(scheduleKey(record.scd.namespace, record.scd.scheduleId));
      else this.entries.set(scheduleKey(record.sc.namespace, record.sc.scheduleId), fromScheduleRecord(record));
    }
    for (const entry of this.entries.values()) {
      this.scheduler.reset(entry);
      this.scheduler.process(entry);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** The namespace's schedules matching a List Filter, by schedule id. */
  private matching(namespace: string, query: string | null | undefined): ScheduleEntry[] {
    const all = [...this.entries.values()].filter((s) => s.namespace === namespace).sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
    return this.visibility.filter(namespace, all, query);
  }

  private find(namespaceName: string | null | undefined, scheduleId: string | null | undefined): ScheduleEntry {
    const namespace = this.engine.namespaces.get(namespaceName).name;
    if (!scheduleId) throw invalidArgument('ScheduleId is not set on request.');
    const entry = this.entries.get(scheduleKey(namespace, scheduleId));
    if (!entry) throw notFound(`schedule "${scheduleId}" not found`);
    return entry;
  }

  /** The schedule as stored: spec in canonical form (INVALID_ARGUMENT when it does not compile), action checked. */
  private validated(namespace: string, schedule: ScheduleMessage | null | undefined): ScheduleMessage {
    const start = schedule?.action?.startWorkflow;
    if (!schedule || !start) throw invalidArgument('Schedule action is not set on request.');
    if (!start.workflowId) throw invalidArgument('WorkflowId is not set on request.');
    if (!start.workflowType?.name) throw invalidArgument('WorkflowType is not set on request.');
    if (!start.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
    this.engine.visibility.validateStart(namespace, start.searchAttributes?.indexedFields);
    let spec: CompiledSpec;
    try {
      spec = new CompiledSpec(schedule.spec ?? {});
    } catch (error) {
      if (error instanceof SpecError) throw invalidArgument(`Invalid schedule spec: ${error.message}`);
      throw error;
    }
    const state = schedule.state ?? {};
    return {
      spec: spec.canonical,
      action: schedule.action,
      policies: schedule.policies ?? {},
      state: {
        notes: state.notes ?? '',
        paused: state.paused ?? false,
        limitedActions: state.limitedActions ?? false,
        remainingActions: int64(state.limitedActions ? Number(state.remainingActions ?? 0) : 0),
      },
    };
  }

  private applyPatch(entry: ScheduleEntry, patch: Patch): void {
    const now = this.engine.now();
    this.scheduler.process(entry);
    const state = (entry.schedule.state ??= {});
    if (patch.pause) {
      state.paused = true;
      state.notes = patch.pause;
    }
    if (patch.unpause) {
      state.paused = false;
      state.notes = patch.unpause;
      entry.lastNominal = Math.max(entry.lastNominal, now);
    }
    const manual: BufferedStart[] = [];
    if (patch.triggerImmediately) {
      const scheduled = patch.triggerImmediately.scheduledTime ? msFromTs(patch.triggerImmediately.scheduledTime) : now;
      manual.push({ nominal: scheduled, actual: now, overlap: patch.triggerImmediately.overlapPolicy ?? 0, manual: true });
    }
    for (const backfill of patch.backfillRequest ?? []) {
      const from = msFromTs(backfill.startTime);
      const to = msFromTs(backfill.endTime);
      for (const t of this.scheduler.spec(entry).between(from - 1, to, entry.scheduleId, MAX_MATCHING_TIMES)) {
        manual.push({ nominal: t.nominal, actual: now, overlap: backfill.overlapPolicy ?? 0, manual: true });
      }
    }
    this.scheduler.reset(entry);
    this.scheduler.addManual(entry, manual);
  }

  private scheduleView(entry: ScheduleEntry): ScheduleMessage {
    const { schedule } = entry;
    return {
      ...schedule,
      policies: {
        ...schedule.policies,
        overlapPolicy: overlapPolicy(entry),
        catchupWindow: durFromMs(catchupWindowMs(entry)),
      },
      state: { ...schedule.state, remainingActions: int64(Number(schedule.state?.remainingActions ?? 0)) },
    };
  }

  private recentActions(entry: ScheduleEntry, n: number): temporal.api.schedule.v1.IScheduleActionResult[] {
    return entry.recent.slice(-n).map((a) => ({
      scheduleTime: tsFromMs(a.scheduleTime),
      actualTime: tsFromMs(a.actualTime),
      startWorkflowResult: { workflowId: a.workflowId, runId: a.runId },
      startWorkflowStatus: this.chainStatus(entry.namespace, a.workflowId, a.runId),
    }));
  }

  /** Status of the workflow a schedule started, following continue-as-new, retries and cron to its last run. */
  private chainStatus(namespace: string, workflowId: string, runId: string): number {
    let run = this.engine.runs.get(runId);
    for (let next = run?.newRunId && this.engine.runs.get(run.newRunId); next; next = next.newRunId && this.engine.runs.get(next.newRunId)) run = next;
    if (run && run.namespace === namespace && run.workflowId === workflowId) return run.status;
    return enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
  }
}

/** The conflict token: the schedule's version as 8 bytes (little endian), as the real server encodes it. */
function conflictToken(entry: ScheduleEntry): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(BigInt(entry.conflictToken));
  return bytes;
}
