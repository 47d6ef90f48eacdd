import { temporal } from '@temporalio/proto';
import { GrpcStatus, VisibilityError } from './errors';

export type IndexedValueType = temporal.api.enums.v1.IndexedValueType;
export const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

/** Type names as the server prints them (Go enum `String()`), also the payload `type` metadata. */
export const INDEXED_VALUE_TYPE_NAMES: Readonly<Record<number, string>> = {
  [IndexedValueType.INDEXED_VALUE_TYPE_TEXT]: 'Text',
  [IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]: 'Keyword',
  [IndexedValueType.INDEXED_VALUE_TYPE_INT]: 'Int',
  [IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE]: 'Double',
  [IndexedValueType.INDEXED_VALUE_TYPE_BOOL]: 'Bool',
  [IndexedValueType.INDEXED_VALUE_TYPE_DATETIME]: 'Datetime',
  [IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST]: 'KeywordList',
};

export function indexedValueTypeName(type: IndexedValueType): string {
  return INDEXED_VALUE_TYPE_NAMES[type] ?? 'Unspecified';
}

/** Parses a payload `type` metadata value ("KeywordList" or "INDEXED_VALUE_TYPE_KEYWORD_LIST"). */
export function indexedValueTypeFromName(name: string): IndexedValueType | undefined {
  // Case and underscores do not matter, as in the Temporal CLI: Keyword, keyword, KEYWORD_LIST, KeywordList.
  const wanted = normaliseTypeName(name);
  for (const [value, short] of Object.entries(INDEXED_VALUE_TYPE_NAMES)) {
    const type = Number(value) as IndexedValueType;
    if (wanted === normaliseTypeName(short) || wanted === normaliseTypeName(IndexedValueType[type])) return type;
  }
  return undefined;
}

function normaliseTypeName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

const {
  INDEXED_VALUE_TYPE_KEYWORD: KEYWORD,
  INDEXED_VALUE_TYPE_INT: INT,
  INDEXED_VALUE_TYPE_DOUBLE: DOUBLE,
  INDEXED_VALUE_TYPE_BOOL: BOOL,
  INDEXED_VALUE_TYPE_DATETIME: DATETIME,
  INDEXED_VALUE_TYPE_KEYWORD_LIST: KEYWORD_LIST,
  INDEXED_VALUE_TYPE_TEXT: TEXT,
} = IndexedValueType;

/** System search attributes: stored as execution fields, never set through `SearchAttributes`. */
export const SYSTEM_SEARCH_ATTRIBUTES: Readonly<Record<string, IndexedValueType>> = {
  WorkflowId: KEYWORD,
  RunId: KEYWORD,
  WorkflowType: KEYWORD,
  StartTime: DATETIME,
  ExecutionTime: DATETIME,
  CloseTime: DATETIME,
  ExecutionStatus: KEYWORD,
  TaskQueue: KEYWORD,
  HistoryLength: INT,
  ExecutionDuration: INT,
  StateTransitionCount: INT,
  HistorySizeBytes: INT,
  ParentWorkflowId: KEYWORD,
  ParentRunId: KEYWORD,
  RootWorkflowId: KEYWORD,
  RootRunId: KEYWORD,
};

/** Predefined attributes: set by the server or SDK inside `SearchAttributes`, listed as system ones. */
export const PREDEFINED_SEARCH_ATTRIBUTES: Readonly<Record<string, IndexedValueType>> = {
  TemporalChangeVersion: KEYWORD_LIST,
  BinaryChecksums: KEYWORD_LIST,
  BuildIds: KEYWORD_LIST,
  BatcherNamespace: KEYWORD,
  BatcherUser: KEYWORD,
  TemporalScheduledStartTime: DATETIME,
  TemporalScheduledById: KEYWORD,
  TemporalSchedulePaused: BOOL,
  TemporalNamespaceDivision: KEYWORD,
  TemporalPauseInfo: KEYWORD_LIST,
  TemporalReportedProblems: KEYWORD_LIST,
  TemporalWorkerDeploymentVersion: KEYWORD,
  TemporalWorkflowVersioningBehavior: KEYWORD,
  TemporalWorkerDeployment: KEYWORD,
  TemporalUsedWorkerDeploymentVersions: KEYWORD_LIST,
};

/** Internal field names that can never be search attribute names. */
const RESERVED_FIELD_NAMES = new Set(['NamespaceId', 'MemoEncoding', 'Memo', 'VisibilityTaskKey']);
const RESERVED_PREFIX = 'Temporal';

/**
 * Custom search attributes allowed per type and namespace. Defaults are the real server's SQL
 * visibility (SQLite, as in `temporal server start-dev`): 10 Keyword and 3 of every other type.
 */
export const DEFAULT_MAX_CUSTOM_SEARCH_ATTRIBUTES: Readonly<Record<number, number>> = {
  [BOOL]: 3,
  [INT]: 3,
  [DOUBLE]: 3,
  [DATETIME]: 3,
  [KEYWORD]: 10,
  [KEYWORD_LIST]: 3,
  [TEXT]: 3,
};

/** True for names a user may not register: system, predefined, internal, or `Temporal…`. */
export function isReservedSearchAttributeName(name: string): boolean {
  return (
    name in SYSTEM_SEARCH_ATTRIBUTES ||
    name in PREDEFINED_SEARCH_ATTRIBUTES ||
    RESERVED_FIELD_NAMES.has(name) ||
    name.startsWith(RESERVED_PREFIX)
  );
}

export type SearchAttributeCategory = 'system' | 'predefined' | 'custom';

export interface ResolvedSearchAttribute {
  name: string;
  type: IndexedValueType;
  category: SearchAttributeCategory;
}

export interface SearchAttributeRegistryOptions {
  /** Overrides of {@link DEFAULT_MAX_CUSTOM_SEARCH_ATTRIBUTES}, by IndexedValueType. */
  maxPerType?: Readonly<Record<number, number>>;
}

/**
 * Search attribute definitions: the fixed system and predefined ones, and custom ones per namespace
 * (as SQL visibility keeps them). Mirrors OperatorService Add/Remove/ListSearchAttributes.
 */
export class SearchAttributeRegistry {
  private readonly custom = new Map<string, Map<string, IndexedValueType>>();
  private readonly maxPerType: Readonly<Record<number, number>>;

  constructor(options: SearchAttributeRegistryOptions = {}) {
    this.maxPerType = { ...DEFAULT_MAX_CUSTOM_SEARCH_ATTRIBUTES, ...options.maxPerType };
  }

  /**
   * Registers custom attributes in a namespace; all or nothing. Errors as the server:
   * INVALID_ARGUMENT for an empty request, a reserved name, an unknown type or too many of a type;
   * ALREADY_EXISTS for a name already registered.
   */
  add(namespace: string, attributes: Readonly<Record<string, IndexedValueType>>): void {
    const entries = Object.entries(attributes);
    if (entries.length === 0) {
      throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, 'SearchAttributes are not set on request.');
    }
    const current = this.custom.get(namespace) ?? new Map<string, IndexedValueType>();
    const next = new Map(current);
    for (const [name, type] of entries) {
      if (isReservedSearchAttributeName(name)) {
        throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, `Search attribute ${name} is reserved by system.`);
      }
      if (!(type in INDEXED_VALUE_TYPE_NAMES)) {
        throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, `Unknown search attribute type: ${type}.`);
      }
      if (next.has(name)) {
        throw new VisibilityError(GrpcStatus.ALREADY_EXISTS, `Search attribute ${name} already exists.`);
      }
      const used = [...next.values()].filter((t) => t === type).length;
      if (used >= this.maxPerType[type]) {
        throw new VisibilityError(
          GrpcStatus.INVALID_ARGUMENT,
          `Unable to create search attributes: cannot have more than ${used} search attribute of type ${indexedValueTypeName(type)}.`,
        );
      }
      next.set(name, type);
    }
    this.custom.set(namespace, next);
  }

  /** Removes custom attributes; NOT_FOUND for an unknown name, INVALID_ARGUMENT for a system one. */
  remove(namespace: string, names: readonly string[]): void {
    if (names.length === 0) {
      throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, 'SearchAttributes are not set on request.');
    }
    const next = new Map(this.custom.get(namespace));
    for (const name of names) {
      if (next.has(name)) {
        next.delete(name);
      } else if (name in SYSTEM_SEARCH_ATTRIBUTES || name in PREDEFINED_SEARCH_ATTRIBUTES) {
        throw new VisibilityError(
          GrpcStatus.INVALID_ARGUMENT,
          `Unable to remove non-custom search attributes: ${name}.`,
        );
      } else {
        throw new VisibilityError(GrpcStatus.NOT_FOUND, `Search attribute ${name} doesn't exist.`);
      }
    }
    this.custom.set(namespace, next);
  }

  /** The ListSearchAttributes answer: system (system + predefined) and custom attributes. */
  list(namespace: string): {
    systemAttributes: Record<string, IndexedValueType>;
    customAttributes: Record<string, IndexedValueType>;
  } {
    return {
      systemAttributes: { ...SYSTEM_SEARCH_ATTRIBUTES, ...PREDEFINED_SEARCH_ATTRIBUTES },
      customAttributes: Object.fromEntries(this.custom.get(namespace) ?? []),
    };
  }

  /** Looks a name up as the query converter does; `undefined` when it is not defined. */
  resolve(namespace: string, name: string): ResolvedSearchAttribute | undefined {
    const system = SYSTEM_SEARCH_ATTRIBUTES[name];
    if (system !== undefined) return { name, type: system, category: 'system' };
    const predefined = PREDEFINED_SEARCH_ATTRIBUTES[name];
    if (predefined !== undefined) return { name, type: predefined, category: 'predefined' };
    const custom = this.custom.get(namespace)?.get(name);
    if (custom !== undefined) return { name, type: custom, category: 'custom' };
    const prefixed = PREDEFINED_SEARCH_ATTRIBUTES[RESERVED_PREFIX + name];
    if (prefixed !== undefined) return { name: RESERVED_PREFIX + name, type: prefixed, category: 'predefined' };
    return undefined;
  }

  /** Everything needed to persist the registry across restarts (see {@link restore}). */
  snapshot(): Record<string, Record<string, IndexedValueType>> {
    return Object.fromEntries([...this.custom].map(([ns, attrs]) => [ns, Object.fromEntries(attrs)]));
  }

  restore(snapshot: Readonly<Record<string, Readonly<Record<string, IndexedValueType>>>>): void {
    this.custom.clear();
    for (const [ns, attrs] of Object.entries(snapshot)) {
      this.custom.set(ns, new Map(Object.entries(attrs)));
    }
  }
}
