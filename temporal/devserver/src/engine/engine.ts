/**
 * The dev server's core: runs and their history, task queues, deadlines and persistence. Feature logic
 * lives in the collaborators (`workflowTasks`, `activities`, `lifecycle`, `queries`); this class owns the
 * primitives they share: appending events, buffering them during a workflow task, marking runs dirty for
 * the journal and arming deadlines.
 */
import { Clock } from '../clock/clock';
import { workflowNotFound } from '../errors';
import { Logger } from '../logger';
import { replayRecords, RunRecord, toRecord } from '../persistence/run-codec';
import { Journal } from '../persistence/journal';
import type Long from 'long';
import { history, HistoryEvent, int64, num, tsFromMs } from '../proto';
import { attributesOf, ET, PREVIOUS_EVENT_ID } from '../state/events';
import { Namespaces } from '../state/namespaces';
import { isOpen, Run } from '../state/run';
import { TaskQueues } from '../tasks/task-queues';
import { WorkerPresence } from '../tasks/worker-presence';
import { TimerQueue } from '../timers/timer-queue';
import { Activities } from './activities';
import { Children } from './children';
import { Lifecycle } from './lifecycle';
import { Queries } from './queries';
import { StandaloneActivities } from './standalone-activities';
import { Schedules } from '../schedules/schedules';
import type { ScheduleDeletionRecord, ScheduleRecord } from '../schedules/schedule-state';
import { Updates } from './updates';
import { Visibility } from './visibility';
import { SearchAttributeRegistry } from '../visibility';
import { WorkflowTasks } from './workflow-tasks';

export type WorkflowQueueItem = WorkflowTaskItem | { queryId: string };
export interface WorkflowTaskItem {
  runId: string;
  scheduledEventId: number;
  /** Set when queued on the worker's sticky queue: the task then carries only the new events. */
  sticky?: boolean;
}
export interface ActivityQueueItem {
  runId: string;
  scheduledEventId: number;
  attempt: number;
}

/** Activity result events whose `startedEventId` may refer to the ActivityTaskStarted just before them. */
const ACTIVITY_RESULT_EVENTS = new Set<number>([
  ET.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
  ET.EVENT_TYPE_ACTIVITY_TASK_FAILED,
  ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
  ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
]);

export interface EngineOptions {
  clock: Clock;
  namespaces: Namespaces;
  log: Logger;
  journal?: Journal;
  /** How long an empty long poll waits before answering empty. */
  longPollMs: number;
  /** Custom search attributes per namespace (the engine journals their changes). */
  searchAttributes: SearchAttributeRegistry;
}

/** Journal record of server metadata (namespaces, custom search attributes); the last one wins. */
export interface MetadataRecord {
  m: { namespaces: { name: string; id: string; description: string }[]; searchAttributes: Record<string, Record<string, number>> };
}

/** Encoded size of an event, as the server counts history size. */
export function eventSize(event: HistoryEvent): number {
  return history.HistoryEvent.encode(event).finish().length;
}

export type JournalRecord = RunRecord | MetadataRecord | ScheduleRecord | ScheduleDeletionRecord;

export class Engine {
  readonly clock: Clock;
  readonly namespaces: Namespaces;
  readonly log: Logger;
  readonly longPollMs: number;
  readonly runs = new Map<string, Run>();
  readonly openRuns = new Set<Run>();
  readonly workflowQueues = new TaskQueues<WorkflowQueueItem>();
  readonly activityQueues = new TaskQueues<ActivityQueueItem>();
  readonly workers = new WorkerPresence();
  readonly timers: TimerQueue;
  readonly workflowTasks: WorkflowTasks;
  readonly activities: Activities;
  readonly lifecycle: Lifecycle;
  readonly queries: Queries;
  readonly updates: Updates;
  readonly children: Children;
  readonly visibility: Visibility;
  readonly schedules: Schedules;
  readonly standaloneActivities: StandaloneActivities;

  private readonly journal: Journal | undefined;
  private readonly current = new Map<string, string>();
  private readonly dirty = new Set<Run>();
  private readonly persistedEvents = new Map<string, number>();
  private readonly armedAt = new Map<string, number>();
  private readonly historyWatchers = new Map<string, Set<() => void>>();
  private readonly changeListeners = new Set<() => void>();

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.namespaces = options.namespaces;
    this.log = options.log;
    this.longPollMs = options.longPollMs;
    this.journal = options.journal;
    this.timers = new TimerQueue(this.clock, (error) => this.log.error('deadline handler failed', error));
    this.workflowTasks = new WorkflowTasks(this);
    this.activities = new Activities(this);
    this.lifecycle = new Lifecycle(this);
    this.queries = new Queries(this);
    this.updates = new Updates(this);
    this.children = new Children(this);
    this.visibility = new Visibility(options.searchAttributes);
    this.schedules = new Schedules(this);
    this.standaloneActivities = new StandaloneActivities(this);
  }

  now(): number {
    return this.clock.now();
  }

  // ---- runs ---------------------------------------------------------------------------------------

  currentRun(namespace: string, workflowId: string): Run | undefined {
    const runId = this.current.get(`${namespace}\u0000${workflowId}`);
    return runId ? this.runs.get(runId) : undefined;
  }

  /** The run named by id, or the current run of the workflow; NOT_FOUND otherwise. */
  findRun(namespace: string, workflowId: string | null | undefined, runId?: string | null): Run {
    const run = runId ? this.runs.get(runId) : this.currentRun(namespace, workflowId ?? '');
    if (!run || run.namespace !== namespace || (workflowId && run.workflowId !== workflowId)) {
      throw workflowNotFound(workflowId ?? '', runId);
    }
    return run;
  }

  /** Registers a new run as the workflow's current run. */
  addRun(run: Run): void {
    this.runs.set(run.runId, run);
    this.current.set(`${run.namespace}\u0000${run.workflowId}`, run.runId);
    if (isOpen(run)) this.openRuns.add(run);
    this.touch(run);
  }

  markClosed(run: Run): void {
    this.openRuns.delete(run);
    this.workflowTasks.forget(run.runId);
    this.armedAt.delete(run.runId);
  }

  // ---- history ------------------------------------------------------------------------------------

  /** Appends an event to the run's history, returning its id. */
  append(run: Run, event: HistoryEvent): number {
    const eventId = run.nextEventId++;
    event.eventId = int64(eventId);
    event.eventTime = tsFromMs(this.now());
    event.taskId = int64(eventId);
    if (ACTIVITY_RESULT_EVENTS.has(event.eventType as number)) {
      const attributes = attributesOf<{ startedEventId?: Long | number | null }>(event);
      if (num(attributes.startedEventId) === PREVIOUS_EVENT_ID) attributes.startedEventId = int64(eventId - 1);
    }
    run.events.push(event);
    run.historySizeBytes = (run.historySizeBytes ?? 0) + eventSize(event);
    this.touch(run);
    return eventId;
  }

  /**
   * Adds events caused from outside the workflow (signals, timer fires, activity results, cancel
   * requests): buffered while a workflow task is started, else appended and a workflow task scheduled.
   */
  addExternalEvents(run: Run, events: HistoryEvent[]): void {
    if (!isOpen(run)) return;
    // New events make a speculative task real: they must not be dropped with it.
    if (run.wft?.speculative) run.wft.speculative = undefined;
    if (run.wft?.startedEventId !== undefined) {
      run.buffered.push(...events);
      this.touch(run);
      return;
    }
    for (const event of events) this.append(run, event);
    this.workflowTasks.schedule(run);
  }

  /** Appends buffered events; returns how many there were. */
  flushBuffered(run: Run): number {
    const events = run.buffered;
    run.buffered = [];
    for (const event of events) this.append(run, event);
    return events.length;
  }

  /** Calls `listener` on every change to the run's history until the returned function is called. */
  watchHistory(runId: string, listener: () => void): () => void {
    let set = this.historyWatchers.get(runId);
    if (!set) {
      set = new Set();
      this.historyWatchers.set(runId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.historyWatchers.delete(runId);
    };
  }

  /** Calls `listener` (asynchronously coalesced by the caller) after any state change. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Marks the run changed: to be journaled, history watchers and change listeners notified. */
  touch(run: Run): void {
    run.stateTransitionCount += 1;
    this.dirty.add(run);
    this.visibility.changed(run);
    const watchers = this.historyWatchers.get(run.runId);
    if (watchers) for (const listener of [...watchers]) listener();
    for (const listener of this.changeListeners) listener();
  }

  // ---- persistence --------------------------------------------------------------------------------

  /** Journals every changed run; resolves when durable (immediately without a journal). */
  commit(): Promise<void> {
    const schedules = this.schedules.takeDirty();
    if (!this.journal) {
      this.dirty.clear();
      return Promise.resolve();
    }
    for (const record of schedules) this.journal.append(record);
    for (const run of this.dirty) {
      // A dropped speculative task may have shortened the history below what is persisted.
      const from = Math.min(this.persistedEvents.get(run.runId) ?? 0, run.events.length);
      this.journal.append(toRecord(run, from));
      this.persistedEvents.set(run.runId, run.events.length);
    }
    this.dirty.clear();
    return this.journal.sync();
  }

  /** One record per run plus the metadata: the journal's compacted form. */
  *snapshot(): Iterable<RunRecord | MetadataRecord | ScheduleRecord> {
    yield this.metadataRecord();
    for (const run of this.runs.values()) yield toRecord(run, 0);
    yield* this.schedules.records();
  }

  /** Journals namespaces and custom search attributes after a change (they survive restarts). */
  saveMetadata(): Promise<void> {
    this.journal?.append(this.metadataRecord());
    return this.commit();
  }

  private metadataRecord(): MetadataRecord {
    return {
      m: {
        namespaces: this.namespaces.list().map(({ name, id, description }) => ({ name, id, description })),
        searchAttributes: this.visibility.registry.snapshot(),
      },
    };
  }

  /** Rebuilds metadata and runs from journal records, then re-arms every deadline (missed ones fire at once). */
  recover(records: JournalRecord[]): void {
    const runRecords: RunRecord[] = [];
    const scheduleRecords: (ScheduleRecord | ScheduleDeletionRecord)[] = [];
    let metadata: MetadataRecord['m'] | undefined;
    for (const record of records) {
      if ('m' in record) metadata = record.m;
      else if ('sc' in record || 'scd' in record) scheduleRecords.push(record);
      else runRecords.push(record);
    }
    if (metadata) this.restoreMetadata(metadata);
    for (const run of replayRecords(runRecords)) this.runs.set(run.runId, run);
    for (const run of this.runs.values()) {
      this.visibility.changed(run);
      const key = `${run.namespace}\u0000${run.workflowId}`;
      const current = this.runs.get(this.current.get(key) ?? '');
      if (run.standalone) this.standaloneActivities.recovered(run);
      else if (!current || current.startTime <= run.startTime) this.current.set(key, run.runId);
      this.persistedEvents.set(run.runId, run.events.length);
      if (!isOpen(run)) continue;
      this.openRuns.add(run);
      this.workflowTasks.recover(run);
      this.activities.recover(run);
      this.arm(run);
    }
    this.schedules.recover(scheduleRecords);
  }

  /** Journaled namespaces and attributes join those given at start (start options win on conflicts). */
  private restoreMetadata(metadata: MetadataRecord['m']): void {
    for (const ns of metadata.namespaces) this.namespaces.register(ns.name, ns.description, ns.id);
    const registry = this.visibility.registry;
    const merged = registry.snapshot();
    for (const [ns, attributes] of Object.entries(metadata.searchAttributes)) merged[ns] = { ...attributes, ...merged[ns] };
    registry.restore(merged);
  }

  // ---- deadlines ----------------------------------------------------------------------------------

  /** Makes sure the run's earliest deadline is in the timer queue. */
  arm(run: Run): void {
    if (!isOpen(run)) return;
    const at = this.nextDeadline(run);
    if (at === undefined) return;
    const armed = this.armedAt.get(run.runId);
    if (armed !== undefined && armed <= at && armed > this.now()) return;
    this.armedAt.set(run.runId, at);
    this.timers.add(at, () => this.evaluate(run.runId, at));
  }

  /** Handles every deadline of the run that is due now, then re-arms. */
  private evaluate(runId: string, armedFor: number): void {
    const run = this.runs.get(runId);
    if (!run || !isOpen(run)) return;
    if (this.armedAt.get(runId) === armedFor) this.armedAt.delete(runId);
    const now = this.now();
    if (run.runDeadline !== undefined && run.runDeadline <= now) {
      this.lifecycle.timeOut(run);
    } else {
      this.workflowTasks.evaluate(run, now);
      this.workflowTasks.evaluateSticky(run, now);
      this.fireTimers(run, now);
      for (const activity of Object.values(run.activities)) {
        if (isOpen(run)) this.activities.evaluate(run, activity, now);
      }
    }
    this.arm(run);
    void this.commit().catch((error) => this.log.error('journal write failed', error));
  }

  private fireTimers(run: Run, now: number): void {
    const due = Object.entries(run.timers)
      .filter(([, timer]) => timer.fireAt <= now)
      .sort(([, a], [, b]) => a.fireAt - b.fireAt || a.startedEventId - b.startedEventId);
    if (due.length === 0) return;
    const events: HistoryEvent[] = [];
    for (const [timerId, timer] of due) {
      delete run.timers[timerId];
      events.push({ eventType: ET.EVENT_TYPE_TIMER_FIRED, timerFiredEventAttributes: { timerId, startedEventId: int64(timer.startedEventId) } });
    }
    this.addExternalEvents(run, events);
  }

  private nextDeadline(run: Run): number | undefined {
    let at = Infinity;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t < at) at = t;
    };
    consider(run.runDeadline);
    consider(this.workflowTasks.deadline(run));
    for (const timer of Object.values(run.timers)) consider(timer.fireAt);
    for (const activity of Object.values(run.activities)) consider(this.activities.deadline(activity));
    consider(this.workflowTasks.stickyDeadline(run));
    return at === Infinity ? undefined : at;
  }

  /**
   * Tasks waiting for a worker or workflow tasks held by one (time skipping waits for them); tasks not started on
   * a queue whose workers all shut down do not count. Running activities count as time-skipping locks instead
   * ({@link runningActivities}).
   */
  hasRunnableWork(): boolean {
    const waitsInVain = (queue: string, run: Run) => this.workers.abandoned(run.namespace, queue);
    for (const run of this.openRuns) {
      if (run.wft && !(run.wft.startedEventId === undefined && waitsInVain(run.taskQueue, run))) return true;
      for (const activity of Object.values(run.activities)) {
        if (activity.phase === 'scheduled' && !waitsInVain(activity.taskQueue, run)) return true;
      }
    }
    return false;
  }

  /** Activity attempts held by a worker right now. */
  runningActivities(): number {
    let count = 0;
    for (const run of this.openRuns) for (const activity of Object.values(run.activities)) if (activity.phase === 'started') count += 1;
    return count;
  }

  /** ShutdownWorker: the worker `identity` polls no more; time skipping may no longer wait for its queues. */
  workerShutDown(namespace: string, identity: string): void {
    this.workers.shutDown(namespace, identity);
    for (const listener of this.changeListeners) listener();
  }

  async close(): Promise<void> {
    this.timers.close();
    this.queries.close();
    await this.commit();
    await this.journal?.close();
  }
}
