/**
 * What the dev server keeps per schedule (the real server's scheduler workflow state), and its journal form.
 */
import { common, failure, Payload, temporal } from '../proto';

export type Schedule = temporal.api.schedule.v1.ISchedule;

/** An action due to be taken, waiting for the overlap policy to let it start. */
export interface BufferedStart {
  nominal: number;
  actual: number;
  /** `ScheduleOverlapPolicy`; 0 = the schedule's policy. */
  overlap: number;
  /** Trigger or backfill: not counted against remaining actions, taken even while paused. */
  manual: boolean;
}

export interface ActionRecord {
  scheduleTime: number;
  actualTime: number;
  workflowId: string;
  runId: string;
}

export interface ScheduleEntry {
  namespace: string;
  scheduleId: string;
  /** Spec in canonical form, action, policies and state as last set. */
  schedule: Schedule;
  memo: Record<string, Payload>;
  searchAttributes: Record<string, Payload>;
  requestId: string;
  createTime: number;
  updateTime?: number;
  conflictToken: number;
  /** Nominal time up to which the spec has been processed. */
  lastNominal: number;
  buffer: BufferedStart[];
  running: { workflowId: string; runId: string }[];
  recent: ActionRecord[];
  actionCount: number;
  missedCatchupWindow: number;
  overlapSkipped: number;
  bufferDropped: number;
  lastCompletionResult?: common.IPayloads;
  lastFailure?: failure.IFailure;
}

/** Journal record: a schedule's full state, or its deletion. */
export interface ScheduleRecord {
  sc: Omit<ScheduleEntry, 'schedule' | 'memo' | 'searchAttributes' | 'lastCompletionResult' | 'lastFailure'> & {
    schedule: string;
    memo: string;
    searchAttributes: string;
    lastCompletionResult?: string;
    lastFailure?: string;
  };
}
export interface ScheduleDeletionRecord {
  scd: { namespace: string; scheduleId: string };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

export function toScheduleRecord(entry: ScheduleEntry): ScheduleRecord {
  const { schedule, memo, searchAttributes, lastCompletionResult, lastFailure, ...plain } = entry;
  return {
    sc: {
      ...plain,
      schedule: b64(temporal.api.schedule.v1.Schedule.encode(schedule).finish()),
      memo: b64(common.Memo.encode({ fields: memo }).finish()),
      searchAttributes: b64(common.Memo.encode({ fields: searchAttributes }).finish()),
      lastCompletionResult: lastCompletionResult ? b64(common.Payloads.encode(lastCompletionResult).finish()) : undefined,
      lastFailure: lastFailure ? b64(failure.Failure.encode(lastFailure).finish()) : undefined,
    },
  };
}

export function fromScheduleRecord(record: ScheduleRecord): ScheduleEntry {
  const { schedule, memo, searchAttributes, lastCompletionResult, lastFailure, ...plain } = record.sc;
  return {
    ...plain,
    schedule: temporal.api.schedule.v1.Schedule.decode(unb64(schedule)),
    memo: { ...common.Memo.decode(unb64(memo)).fields },
    searchAttributes: { ...common.Memo.decode(unb64(searchAttributes)).fields },
    lastCompletionResult: lastCompletionResult ? common.Payloads.decode(unb64(lastCompletionResult)) : undefined,
    lastFailure: lastFailure ? failure.Failure.decode(unb64(lastFailure)) : undefined,
  };
}
