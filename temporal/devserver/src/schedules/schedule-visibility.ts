/**
 * Schedules as visibility sees them. The real server keeps each schedule as a scheduler workflow in the
 * `TemporalScheduler` namespace division, so a List Filter selects schedules (ListSchedules / CountSchedules
 * `query`: `ScheduleId`, `TemporalSchedulePaused`, custom search attributes), and CountWorkflowExecutions
 * counts them when the query names that division (the Web UI counts its schedules list that way).
 */
import { enums } from '../proto';
import { asServiceErrors, ExtendedAttributes, Visibility } from '../engine/visibility';
import { compileQuery, ExecutionRecord, IndexedValueType, SearchAttributeRegistry } from '../visibility';
import type { ScheduleEntry } from './schedule-state';

export const SCHEDULER_NAMESPACE_DIVISION = 'TemporalScheduler';
/** The real server's scheduler workflow ids and type. */
const SCHEDULER_WORKFLOW_ID_PREFIX = 'temporal-sys-scheduler:';
const SCHEDULER_WORKFLOW_TYPE = 'temporal-sys-scheduler-workflow';

/** A query restricted to the scheduler division: `TemporalNamespaceDivision = "TemporalScheduler"`. */
const DIVISION_CLAUSE = new RegExp(`\\bTemporalNamespaceDivision\`?\\s*=\\s*(["'])${SCHEDULER_NAMESPACE_DIVISION}\\1`);

export function isSchedulerDivisionQuery(query: string | null | undefined): boolean {
  return DIVISION_CLAUSE.test(query ?? '');
}

export class ScheduleVisibility {
  private readonly attributes: SearchAttributeRegistry;

  constructor(private readonly visibility: Visibility) {
    // Schedule queries may also name `ScheduleId`.
    this.attributes = new ExtendedAttributes(visibility.registry, { ScheduleId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
  }

  /** The schedules of `entries` (one namespace's) that match the query, in the given order. INVALID_ARGUMENT for a bad query. */
  filter(namespace: string, entries: ScheduleEntry[], query: string | null | undefined): ScheduleEntry[] {
    if (!query?.trim()) return entries;
    const compiled = asServiceErrors(() => compileQuery(query, namespace, this.attributes));
    return entries.filter((entry) => compiled.matches(this.record(entry)));
  }

  private record(entry: ScheduleEntry): ExecutionRecord {
    const created = new Date(entry.createTime);
    return {
      namespace: entry.namespace,
      workflowId: SCHEDULER_WORKFLOW_ID_PREFIX + entry.scheduleId,
      runId: entry.scheduleId,
      workflowType: SCHEDULER_WORKFLOW_TYPE,
      taskQueue: '',
      status: enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
      startTime: created,
      executionTime: created,
      historyLength: 0,
      searchAttributes: {
        ...this.visibility.decoded(entry.namespace, entry.searchAttributes),
        ScheduleId: entry.scheduleId,
        TemporalSchedulePaused: entry.schedule.state?.paused ?? false,
        TemporalNamespaceDivision: SCHEDULER_NAMESPACE_DIVISION,
      },
    };
  }
}
