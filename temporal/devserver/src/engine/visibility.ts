/**
 * Visibility for the engine: keeps the {@link VisibilityIndex} current with the runs (changed runs are
 * re-indexed lazily, before the next list or count), validates search attributes on start and upsert, and
 * answers List/Count/Scan in WorkflowService form. The query language, indexes and paging live in
 * `src/visibility/`.
 */
import { ServiceError } from '../errors';
import { int64, Payload, wfs } from '../proto';
import { isOpen, Run } from '../state/run';
import {
  decodeSearchAttributePayload,
  decodeSearchAttributes,
  encodeSearchAttributePayload,
  ExecutionRecord,
  IndexedValueType,
  PREDEFINED_SEARCH_ATTRIBUTES,
  ResolvedSearchAttribute,
  SearchAttributeRegistry,
  SearchAttributeValue,
  SYSTEM_SEARCH_ATTRIBUTES,
  VisibilityError,
  VisibilityIndex,
} from '../visibility';
import { executionInfo } from '../service/executions';

interface RunRecord extends ExecutionRecord {
  run: Run;
}

/** Runs the visibility layer's code, answering its errors with their gRPC status. */
export function asServiceErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof VisibilityError) throw new ServiceError(error.code, error.message);
    throw error;
  }
}

/**
 * The namespace's search attributes plus fields a non-workflow list may name (`ScheduleId`, `ActivityId` …),
 * read from the records' `searchAttributes` under the same name.
 */
export class ExtendedAttributes extends SearchAttributeRegistry {
  constructor(
    private readonly inner: SearchAttributeRegistry,
    private readonly extra: Readonly<Record<string, IndexedValueType>>,
  ) {
    super();
  }

  override resolve(namespace: string, name: string): ResolvedSearchAttribute | undefined {
    const type = this.extra[name];
    if (type !== undefined) return { name, type, category: 'predefined' };
    return this.inner.resolve(namespace, name);
  }
}

export class Visibility {
  private readonly index: VisibilityIndex<RunRecord>;
  private readonly stale = new Set<Run>();

  constructor(readonly registry: SearchAttributeRegistry) {
    this.index = new VisibilityIndex<RunRecord>(registry);
  }

  /** The run changed: re-index it before the next read (standalone activities are listed on their own). */
  changed(run: Run): void {
    if (run.standalone) return;
    this.stale.add(run);
  }

  /**
   * Start request search attributes as stored: each payload re-encoded with its `type` metadata (so clients
   * read them as typed attributes). INVALID_ARGUMENT (the server's message) when one is undefined or ill-typed.
   */
  validateStart(namespace: string, fields: Record<string, Payload> | null | undefined): Record<string, Payload> {
    return asServiceErrors(() => this.typed(namespace, fields));
  }

  /** Validated payloads re-encoded with their registered type; unset markers (null, []) are kept as sent. */
  typed(namespace: string, fields: Record<string, Payload> | null | undefined): Record<string, Payload> {
    const decoded = decodeSearchAttributes(namespace, fields, this.registry);
    const typed: Record<string, Payload> = {};
    for (const [name, value] of Object.entries(decoded)) {
      const type = this.registry.resolve(namespace, name)?.type;
      typed[name] = value === null || type === undefined ? (fields ?? {})[name] : encodeSearchAttributePayload(value, type);
    }
    return typed;
  }

  /** Upsert command search attributes: the problem, worded as the server's, or undefined. */
  upsertProblem(namespace: string, fields: Record<string, Payload> | null | undefined): string | undefined {
    try {
      decodeSearchAttributes(namespace, fields, this.registry);
      return undefined;
    } catch (error) {
      if (error instanceof VisibilityError) return error.message;
      throw error;
    }
  }

  list(req: wfs.IListWorkflowExecutionsRequest, namespace: string): wfs.IListWorkflowExecutionsResponse {
    this.refresh();
    const page = asServiceErrors(() => this.index.list({ namespace, query: req.query ?? '', pageSize: req.pageSize ?? 0, nextPageToken: req.nextPageToken }));
    return { executions: page.executions.map((r) => executionInfo(r.run)), nextPageToken: page.nextPageToken };
  }

  count(req: wfs.ICountWorkflowExecutionsRequest, namespace: string): wfs.ICountWorkflowExecutionsResponse {
    this.refresh();
    const result = asServiceErrors(() => this.index.count({ namespace, query: req.query ?? '' }));
    return { count: int64(result.count), groups: result.groups.map((g) => ({ groupValues: g.groupValues, count: int64(g.count) })) };
  }

  /** GetSearchAttributes: system, predefined and every namespace's custom attributes. */
  allKeys(namespaces: string[]): Record<string, IndexedValueType> {
    const keys: Record<string, IndexedValueType> = { ...SYSTEM_SEARCH_ATTRIBUTES, ...PREDEFINED_SEARCH_ATTRIBUTES };
    for (const ns of namespaces) Object.assign(keys, this.registry.list(ns).customAttributes);
    return keys;
  }

  private refresh(): void {
    for (const run of this.stale) this.index.upsert(this.record(run));
    this.stale.clear();
  }

  private record(run: Run): RunRecord {
    return {
      run,
      namespace: run.namespace,
      workflowId: run.workflowId,
      runId: run.runId,
      workflowType: run.workflowType,
      taskQueue: run.taskQueue,
      status: run.status,
      startTime: new Date(run.startTime),
      executionTime: new Date(run.executionTime),
      closeTime: isOpen(run) || run.closeTime === undefined ? undefined : new Date(run.closeTime),
      historyLength: run.nextEventId - 1,
      historySizeBytes: run.historySizeBytes ?? 0,
      stateTransitionCount: run.stateTransitionCount,
      parentWorkflowId: run.parent?.workflowId,
      parentRunId: run.parent?.runId,
      rootWorkflowId: run.parent?.rootWorkflowId ?? run.workflowId,
      rootRunId: run.parent?.rootRunId ?? run.runId,
      searchAttributes: this.decoded(run.namespace, run.searchAttributes),
    };
  }

  /** Decoded custom values; a value that no longer decodes (its attribute was re-registered) is left out. */
  decoded(namespace: string, fields: Record<string, Payload>): Record<string, SearchAttributeValue> {
    const values: Record<string, SearchAttributeValue> = {};
    for (const [name, payload] of Object.entries(fields)) {
      try {
        const value = decodeSearchAttributePayload(payload, this.registry.resolve(namespace, name)?.type);
        if (value !== null) values[name] = value;
      } catch {
        // not indexable
      }
    }
    return values;
  }
}
