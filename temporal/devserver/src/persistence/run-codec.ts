/**
 * Journal records for runs. A record carries the run's full mutable state (small: history lives in events)
 * plus the history events appended since the previous record, tagged with their start index so replaying
 * a record twice (e.g. after compaction) is harmless.
 */
import { common, history, HistoryEvent, Payload } from '../proto';
import { ActivityState, Run, RunState } from '../state/run';

interface StoredActivity extends Omit<ActivityState, 'heartbeatDetails' | 'lastFailure'> {
  heartbeatDetails?: string;
  lastFailure?: string;
}

interface StoredState extends Omit<RunState, 'activities' | 'searchAttributes' | 'memo'> {
  activities: Record<number, StoredActivity>;
  searchAttributes?: string;
  memo?: string;
}

export interface RunRecord {
  /** Run state. */
  s: StoredState;
  /** Index of the first event in `e`. */
  i: number;
  /** Encoded history events (base64). */
  e: string[];
  /** Encoded buffered events (base64). */
  b: string[];
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');
const encodeEvent = (e: HistoryEvent) => b64(history.HistoryEvent.encode(e).finish());
const decodeEvent = (text: string) => history.HistoryEvent.decode(unb64(text));

function encodeFields(fields: Record<string, Payload>): string | undefined {
  return Object.keys(fields).length ? b64(common.Memo.encode({ fields }).finish()) : undefined;
}

function decodeFields(text: string | undefined): Record<string, Payload> {
  return text ? { ...common.Memo.decode(unb64(text)).fields } : {};
}

/** Record for `run` with events from index `from` on. */
export function toRecord(run: Run, from: number): RunRecord {
  const { events, buffered, activities, searchAttributes, memo, ...rest } = run;
  const storedActivities: Record<number, StoredActivity> = {};
  for (const [id, a] of Object.entries(activities)) {
    const { heartbeatDetails, lastFailure, ...plain } = a;
    storedActivities[Number(id)] = {
      ...plain,
      heartbeatDetails: heartbeatDetails && b64(heartbeatDetails),
      lastFailure: lastFailure && b64(lastFailure),
    };
  }
  return {
    s: { ...rest, activities: storedActivities, searchAttributes: encodeFields(searchAttributes), memo: encodeFields(memo) },
    i: from,
    e: events.slice(from).map(encodeEvent),
    b: buffered.map(encodeEvent),
  };
}

/**
 * Rebuilds runs from journal records (in file order). Events accumulate record by record; only the last
 * state of each run is decoded.
 */
export function replayRecords(records: RunRecord[]): Run[] {
  const latest = new Map<string, { record: RunRecord; events: HistoryEvent[] }>();
  for (const record of records) {
    const entry = latest.get(record.s.runId) ?? { record, events: [] };
    entry.record = record;
    entry.events.length = Math.min(entry.events.length, record.i);
    for (const text of record.e) entry.events.push(decodeEvent(text));
    latest.set(record.s.runId, entry);
  }
  return [...latest.values()].map(({ record, events }) => fromRecord(record, events));
}

function fromRecord(record: RunRecord, events: HistoryEvent[]): Run {
  const { activities, searchAttributes, memo, ...rest } = record.s;
  const restored: Record<number, ActivityState> = {};
  for (const [id, a] of Object.entries(activities)) {
    restored[Number(id)] = {
      ...a,
      heartbeatDetails: a.heartbeatDetails ? unb64(a.heartbeatDetails) : undefined,
      lastFailure: a.lastFailure ? unb64(a.lastFailure) : undefined,
    };
  }
  return {
    ...rest,
    updates: rest.updates ?? {},
    children: rest.children ?? {},
    activities: restored,
    searchAttributes: decodeFields(searchAttributes),
    memo: decodeFields(memo),
    events,
    buffered: record.b.map(decodeEvent),
  };
}
