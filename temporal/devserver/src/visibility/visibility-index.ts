import { GrpcStatus, InvalidQueryError, QueryErrorKind, VisibilityError } from './errors';
import { executionStatusName, ExecutionRecord } from './execution-record';
import { encodeSearchAttributePayload, Payload } from './payload';
import { compileQuery, CompiledQuery, INDEXED_SYSTEM_FIELDS, IndexPlan, Scalar, SortKey } from './query-compiler';
import { IndexedValueType, SearchAttributeRegistry } from './search-attributes';
import { smallestK } from './top-k';

export interface ListExecutionsRequest {
  namespace: string;
  query?: string;
  /** 0 or more than {@link VisibilityIndexOptions.maxPageSize} means the maximum, as on the server. */
  pageSize?: number;
  nextPageToken?: Uint8Array | null;
}

export interface ListExecutionsResult<T> {
  executions: T[];
  /** Opaque; empty when this is the last page. */
  nextPageToken: Uint8Array;
}

export interface CountExecutionsRequest {
  namespace: string;
  query?: string;
}

export interface CountExecutionsResult {
  count: number;
  /** Only with `GROUP BY ExecutionStatus`: one group per status present, by status number. */
  groups: { groupValues: Payload[]; count: number }[];
}

export interface VisibilityIndexOptions {
  /** Largest page a list answers; the server's `frontend.visibilityMaxPageSize` default is 1000. */
  maxPageSize?: number;
}

/** Default of {@link VisibilityIndexOptions.maxPageSize}: the server's 1000. */
export const DEFAULT_MAX_PAGE_SIZE = 1000;

type IndexKey = string;

const keyOf = (namespace: string, value: Scalar): IndexKey => `${namespace}\u0000${String(value)}`;

/**
 * In-memory visibility store: the executions of every namespace, with exact-match hash indexes on
 * system keyword fields, ExecutionStatus and every custom Keyword/KeywordList/Bool value, used to
 * narrow candidates before the full query predicate runs. Keyed by RunId.
 */
export class VisibilityIndex<T extends ExecutionRecord = ExecutionRecord> {
  private readonly byRunId = new Map<string, T>();
  private readonly byNamespace = new Map<string, Set<T>>();
  private readonly exact = new Map<string, Map<IndexKey, Set<T>>>();
  private readonly maxPageSize: number;

  constructor(
    private readonly registry: SearchAttributeRegistry,
    options: VisibilityIndexOptions = {},
  ) {
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  }

  get size(): number {
    return this.byRunId.size;
  }

  get(runId: string): T | undefined {
    return this.byRunId.get(runId);
  }

  /** Adds or replaces the record with this RunId. Records are not copied: do not mutate them after. */
  upsert(record: T): void {
    this.remove(record.runId);
    this.byRunId.set(record.runId, record);
    setIn(this.byNamespace, record.namespace, record);
    for (const [field, value] of indexedValues(record)) {
      let byKey = this.exact.get(field);
      if (!byKey) this.exact.set(field, (byKey = new Map()));
      setIn(byKey, keyOf(record.namespace, value), record);
    }
  }

  remove(runId: string): boolean {
    const record = this.byRunId.get(runId);
    if (!record) return false;
    this.byRunId.delete(runId);
    deleteIn(this.byNamespace, record.namespace, record);
    for (const [field, value] of indexedValues(record)) {
      const byKey = this.exact.get(field);
      if (byKey) deleteIn(byKey, keyOf(record.namespace, value), record);
    }
    return true;
  }

  /** ListWorkflowExecutions: matching executions in query order (default: open first, newest first). */
  list(request: ListExecutionsRequest): ListExecutionsResult<T> {
    const compiled = compileQuery(request.query ?? '', request.namespace, this.registry);
    if (compiled.groupBy) throw new InvalidQueryError(`${QueryErrorKind.notSupported}: 'GROUP BY' clause`);
    const pageSize =
      !request.pageSize || request.pageSize <= 0 || request.pageSize > this.maxPageSize ? this.maxPageSize : request.pageSize;
    const after = request.nextPageToken?.length ? decodePageToken(request.nextPageToken) : undefined;
    const page = smallestK(this.matching(request.namespace, compiled, after), pageSize + 1, compiled.compare);
    const executions = page.slice(0, pageSize);
    const last = executions[executions.length - 1];
    return {
      executions,
      nextPageToken: page.length > pageSize ? encodePageToken(compiled.sortKey(last)) : new Uint8Array(),
    };
  }

  /** CountWorkflowExecutions, including `GROUP BY ExecutionStatus`. */
  count(request: CountExecutionsRequest): CountExecutionsResult {
    const compiled = compileQuery(request.query ?? '', request.namespace, this.registry);
    const matching = this.matching(request.namespace, compiled);
    const byStatus = new Map<number, number>();
    if (compiled.groupBy) {
      for (const record of matching) byStatus.set(record.status, (byStatus.get(record.status) ?? 0) + 1);
    }
    const groups = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, groupCount]) => ({
        groupValues: [encodeSearchAttributePayload(executionStatusName(status), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)],
        count: groupCount,
      }));
    return { count: matching.length, groups };
  }

  /** Matching records (after the page-token cursor, when given), narrowed through the indexes. */
  private matching(namespace: string, compiled: CompiledQuery, after?: SortKey): T[] {
    const candidates = compiled.plan ? this.resolvePlan(namespace, compiled.plan) : this.byNamespace.get(namespace);
    const result: T[] = [];
    for (const record of candidates ?? []) {
      if ((after === undefined || compiled.compareToKey(record, after) > 0) && compiled.matches(record)) result.push(record);
    }
    return result;
  }

  private lookupSets(namespace: string, plan: Extract<IndexPlan, { kind: 'lookup' }>): Set<T>[] {
    const byKey = this.exact.get(plan.field);
    return plan.keys.map((key) => byKey?.get(keyOf(namespace, key))).filter((set): set is Set<T> => set !== undefined);
  }

  /** Upper bound of the candidates a plan yields, to pick the most selective branch of an AND. */
  private estimate(namespace: string, plan: IndexPlan): number {
    switch (plan.kind) {
      case 'lookup':
        return this.lookupSets(namespace, plan).reduce((sum, set) => sum + set.size, 0);
      case 'and':
        return Math.min(...plan.plans.map((p) => this.estimate(namespace, p)));
      case 'or':
        return plan.plans.reduce((sum, p) => sum + this.estimate(namespace, p), 0);
    }
  }

  private resolvePlan(namespace: string, plan: IndexPlan): Iterable<T> {
    switch (plan.kind) {
      case 'lookup': {
        const sets = this.lookupSets(namespace, plan);
        return sets.length === 1 ? sets[0] : union(sets);
      }
      case 'and': {
        const sizes = plan.plans.map((p) => this.estimate(namespace, p));
        return this.resolvePlan(namespace, plan.plans[sizes.indexOf(Math.min(...sizes))]);
      }
      case 'or':
        return union(plan.plans.map((p) => this.resolvePlan(namespace, p)));
    }
  }
}

function* indexedValues(record: ExecutionRecord): Iterable<[string, Scalar]> {
  for (const [field, get] of Object.entries(INDEXED_SYSTEM_FIELDS)) {
    const value = get(record);
    if (value !== undefined) yield [field, value];
  }
  for (const [name, value] of Object.entries(record.searchAttributes)) {
    if (typeof value === 'string' || typeof value === 'boolean') yield [name, value];
    else if (Array.isArray(value)) for (const item of new Set(value)) yield [name, item];
  }
}

function setIn<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function deleteIn<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function union<T>(iterables: Iterable<T>[]): Set<T> {
  const result = new Set<T>();
  for (const iterable of iterables) for (const item of iterable) result.add(item);
  return result;
}

const PAGE_TOKEN_VERSION = 1;

function encodePageToken(key: SortKey): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ v: PAGE_TOKEN_VERSION, after: key }));
}

function decodePageToken(token: Uint8Array): SortKey {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(token)) as { v?: unknown; after?: unknown };
    if (parsed.v === PAGE_TOKEN_VERSION && Array.isArray(parsed.after)) return parsed.after as SortKey;
  } catch {
    // fall through to the error below
  }
  throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, 'Unable to deserialize page token.');
}
