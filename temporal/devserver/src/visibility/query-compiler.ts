import { parseRfc3339 } from './datetime';
import { InvalidQueryError, QueryErrorKind } from './errors';
import { executionStatusFromName, ExecutionRecord, isKnownExecutionStatus } from './execution-record';
import { ColumnRef, Literal, Operand, ParsedQuery, parseQuery, QueryExpr } from './query-parser';
import { IndexedValueType, indexedValueTypeName, ResolvedSearchAttribute, SearchAttributeRegistry } from './search-attributes';

const T = IndexedValueType;

/** A comparable value: Keyword/Text strings, numbers (Datetime as epoch ms, status as enum), booleans. */
export type Scalar = string | number | boolean;
type FieldValue = Scalar | string[] | undefined;
/** SQL three-valued logic: `undefined` is UNKNOWN (a comparison with NULL). */
type Truth = boolean | undefined;
type Evaluator = (record: ExecutionRecord) => Truth;

/** Candidate narrowing through the exact-match indexes of {@link VisibilityIndex}. */
export type IndexPlan =
  | { kind: 'lookup'; field: string; keys: Scalar[] }
  | { kind: 'and'; plans: IndexPlan[] }
  | { kind: 'or'; plans: IndexPlan[] };

export type SortKey = (Scalar | null)[];

export interface CompiledQuery {
  /** True when the record matches (UNKNOWN counts as no match, as in SQL). */
  matches(record: ExecutionRecord): boolean;
  /** Query order: negative when `a` comes first. Total (RunId breaks ties). */
  compare(a: ExecutionRecord, b: ExecutionRecord): number;
  /** Sort key of a record (for page tokens); the last element is the RunId. */
  sortKey(record: ExecutionRecord): SortKey;
  /** Where a record falls relative to a sort key: negative when it comes before it. */
  compareToKey(record: ExecutionRecord, key: SortKey): number;
  plan: IndexPlan | undefined;
  groupBy: string | undefined;
}

/** Fields {@link VisibilityIndex} keeps exact-match indexes for, besides custom attributes. */
export const INDEXED_SYSTEM_FIELDS: Readonly<Record<string, (r: ExecutionRecord) => Scalar | undefined>> = {
  WorkflowId: (r) => r.workflowId,
  RunId: (r) => r.runId,
  WorkflowType: (r) => r.workflowType,
  TaskQueue: (r) => r.taskQueue,
  ExecutionStatus: (r) => r.status,
  ParentWorkflowId: (r) => r.parentWorkflowId,
  ParentRunId: (r) => r.parentRunId,
  RootWorkflowId: (r) => r.rootWorkflowId,
  RootRunId: (r) => r.rootRunId,
};

const NANOS_PER_MILLI = 1_000_000;

const SYSTEM_ACCESSORS: Readonly<Record<string, (r: ExecutionRecord) => FieldValue>> = {
  ...INDEXED_SYSTEM_FIELDS,
  StartTime: (r) => r.startTime.getTime(),
  ExecutionTime: (r) => r.executionTime.getTime(),
  CloseTime: (r) => r.closeTime?.getTime(),
  HistoryLength: (r) => r.historyLength,
  HistorySizeBytes: (r) => r.historySizeBytes,
  StateTransitionCount: (r) => r.stateTransitionCount,
  ExecutionDuration: (r) =>
    r.closeTime ? (r.closeTime.getTime() - r.executionTime.getTime()) * NANOS_PER_MILLI : undefined,
};

function accessorFor(attribute: ResolvedSearchAttribute): (r: ExecutionRecord) => FieldValue {
  const system = SYSTEM_ACCESSORS[attribute.name];
  if (attribute.category === 'system' && system) return system;
  const name = attribute.name;
  return (r) => {
    const value = r.searchAttributes[name];
    if (value instanceof Date) return value.getTime();
    if (Array.isArray(value) && value.length === 0) return undefined;
    return value;
  };
}

const KEYWORD_OPERATORS = ['=', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN', 'STARTS_WITH', 'NOT STARTS_WITH'];
const KEYWORD_LIST_OPERATORS = ['=', '!=', 'IN', 'NOT IN'];
const TEXT_OPERATORS = ['=', '!='];
const COMPARISON_OPERATORS = ['=', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN'];
const RANGE_TYPES: readonly IndexedValueType[] = [T.INDEXED_VALUE_TYPE_DATETIME, T.INDEXED_VALUE_TYPE_DOUBLE, T.INDEXED_VALUE_TYPE_INT, T.INDEXED_VALUE_TYPE_KEYWORD];
/** Types whose `=`/`IN` is an exact match the hash indexes can answer. */
const INDEXABLE_TYPES: readonly IndexedValueType[] = [T.INDEXED_VALUE_TYPE_KEYWORD, T.INDEXED_VALUE_TYPE_KEYWORD_LIST, T.INDEXED_VALUE_TYPE_BOOL];

function allowedOperators(attribute: ResolvedSearchAttribute): readonly string[] {
  switch (attribute.type) {
    case T.INDEXED_VALUE_TYPE_KEYWORD:
      return KEYWORD_OPERATORS;
    case T.INDEXED_VALUE_TYPE_KEYWORD_LIST:
      return KEYWORD_LIST_OPERATORS;
    case T.INDEXED_VALUE_TYPE_TEXT:
      return TEXT_OPERATORS;
    default:
      return COMPARISON_OPERATORS;
  }
}

const invalidExpression = (detail: string) => new InvalidQueryError(`${QueryErrorKind.invalidExpression}: ${detail}`);
const notSupported = (detail: string) => new InvalidQueryError(`${QueryErrorKind.notSupported}: ${detail}`);

/** Go's `%#v` / `%T` of the value the server's SQL parser would have produced. */
function goValue(literal: Literal): { repr: string; type: string } {
  switch (literal.kind) {
    case 'string':
      return { repr: JSON.stringify(literal.value), type: 'string' };
    case 'bool':
      return { repr: String(literal.value), type: 'bool' };
    case 'number':
      return { repr: String(literal.value), type: literal.integer ? 'int64' : 'float64' };
  }
}

/** Splits Text like SQLite's unicode61 tokenizer: runs of letters and digits, case-folded. */
export function textTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** ExecutionDuration literals: Go durations ("1h30m", "250ms") or "hh:mm:ss"; nanoseconds. */
function parseDuration(text: string): number | undefined {
  const clock = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text);
  if (clock) return ((+clock[1] * 60 + +clock[2]) * 60 + +clock[3]) * 1e9;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]], 0);
}

class Compiler {
  constructor(
    private readonly namespace: string,
    private readonly registry: SearchAttributeRegistry,
  ) {}

  resolve(column: ColumnRef): ResolvedSearchAttribute {
    const attribute = this.registry.resolve(this.namespace, column.name);
    if (!attribute) throw new InvalidQueryError(`invalid search attribute: ${column.name}`);
    return attribute;
  }

  /** The value as compared at run time, validated against the attribute's type like the server. */
  value(operand: Operand, attribute: ResolvedSearchAttribute): Scalar {
    if ('column' in operand) {
      throw notSupported(
        `column name on the right side of comparison expression (did you forget to quote ${JSON.stringify(operand.column.name)}?)`,
      );
    }
    const literal = operand.literal;
    if (attribute.name === 'ExecutionStatus') return this.statusValue(literal);
    if (attribute.name === 'ExecutionDuration') return this.durationValue(literal);
    const { repr, type } = goValue(literal);
    const typeError = () =>
      invalidExpression(
        `invalid value type for search attribute ${attribute.name} of type ${indexedValueTypeName(attribute.type)}: ${repr} (type: ${type})`,
      );
    switch (attribute.type) {
      case T.INDEXED_VALUE_TYPE_INT:
      case T.INDEXED_VALUE_TYPE_DOUBLE:
        if (literal.kind !== 'number') throw typeError();
        return literal.value;
      case T.INDEXED_VALUE_TYPE_BOOL:
        if (literal.kind !== 'bool') throw typeError();
        return literal.value;
      case T.INDEXED_VALUE_TYPE_DATETIME:
        if (literal.kind === 'number' && literal.integer) return literal.value / NANOS_PER_MILLI;
        if (literal.kind !== 'string') throw typeError();
        return parseRfc3339(literal.value) ?? this.throw(invalidExpression(`unable to parse datetime '${literal.value}'`));
      case T.INDEXED_VALUE_TYPE_TEXT:
        if (literal.kind !== 'string') throw typeError();
        if (textTokens(literal.value).length === 0) {
          throw invalidExpression(`no tokens found filtering on Text type search attribute ${attribute.name}`);
        }
        return literal.value;
      default:
        if (literal.kind !== 'string') throw typeError();
        return literal.value;
    }
  }

  private statusValue(literal: Literal): number {
    if (literal.kind === 'string') {
      const status = executionStatusFromName(literal.value);
      if (status === undefined) throw invalidExpression(`invalid ExecutionStatus value '${literal.value}'`);
      return status;
    }
    if (literal.kind === 'number' && literal.integer) {
      if (!isKnownExecutionStatus(literal.value)) throw invalidExpression(`invalid ExecutionStatus value ${literal.value}`);
      return literal.value;
    }
    throw invalidExpression(`unexpected value type ${goValue(literal).type} for search attribute ExecutionStatus`);
  }

  private durationValue(literal: Literal): number {
    if (literal.kind === 'number' && literal.integer) return literal.value;
    if (literal.kind === 'string') {
      const nanos = parseDuration(literal.value);
      if (nanos === undefined) {
        throw invalidExpression(`invalid duration value for search attribute ExecutionDuration: ${literal.value}`);
      }
      return nanos;
    }
    throw invalidExpression(`unexpected value type ${goValue(literal).type} for search attribute ExecutionDuration`);
  }

  private throw(error: Error): never {
    throw error;
  }

  checkOperator(attribute: ResolvedSearchAttribute, operator: string): void {
    if (!allowedOperators(attribute).includes(operator)) {
      throw notSupported(
        `operator '${operator}' not supported for ${indexedValueTypeName(attribute.type)} type search attribute '${attribute.name}'`,
      );
    }
  }

  expr(node: QueryExpr): { evaluate: Evaluator; plan?: IndexPlan } {
    switch (node.type) {
      case 'invalid':
        throw new InvalidQueryError(node.detail);
      case 'and': {
        const left = this.expr(node.left);
        const right = this.expr(node.right);
        const plans = [left.plan, right.plan].filter((p): p is IndexPlan => p !== undefined);
        return { evaluate: and(left.evaluate, right.evaluate), plan: plans.length ? { kind: 'and', plans } : undefined };
      }
      case 'or': {
        const left = this.expr(node.left);
        const right = this.expr(node.right);
        const plan: IndexPlan | undefined =
          left.plan && right.plan ? { kind: 'or', plans: [left.plan, right.plan] } : undefined;
        return { evaluate: or(left.evaluate, right.evaluate), plan };
      }
      case 'not': {
        const inner = this.expr(node.expr).evaluate;
        return { evaluate: (r) => { const v = inner(r); return v === undefined ? undefined : !v; } };
      }
      case 'isNull': {
        const get = accessorFor(this.resolve(node.column));
        return { evaluate: node.negated ? (r) => get(r) !== undefined : (r) => get(r) === undefined };
      }
      case 'between': {
        const attribute = this.resolve(node.column);
        if (!RANGE_TYPES.includes(attribute.type)) {
          throw invalidExpression(
            `cannot do range condition on search attribute '${attribute.name}' of type ${indexedValueTypeName(attribute.type)}`,
          );
        }
        const from = this.value(node.from, attribute);
        const to = this.value(node.to, attribute);
        const get = accessorFor(attribute) as (r: ExecutionRecord) => Scalar | undefined;
        const inside = (v: Scalar) => v >= from && v <= to;
        return { evaluate: (r) => { const v = get(r); return v === undefined ? undefined : inside(v) !== node.negated; } };
      }
      case 'startsWith':
        return this.comparison(node.column, node.negated ? 'NOT STARTS_WITH' : 'STARTS_WITH', [node.value]);
      case 'in':
        return this.comparison(node.column, node.negated ? 'NOT IN' : 'IN', node.values);
      case 'compare':
        return this.comparison(node.column, node.operator, [node.value]);
    }
  }

  private comparison(column: ColumnRef, operator: string, operands: Operand[]): { evaluate: Evaluator; plan?: IndexPlan } {
    const attribute = this.resolve(column);
    const values = operands.map((operand) => this.value(operand, attribute));
    this.checkOperator(attribute, operator);
    const get = accessorFor(attribute);
    const evaluate =
      attribute.type === T.INDEXED_VALUE_TYPE_KEYWORD_LIST
        ? keywordListPredicate(get, operator, values as string[])
        : attribute.type === T.INDEXED_VALUE_TYPE_TEXT
          ? textPredicate(get, operator, values[0] as string)
          : scalarPredicate(get as (r: ExecutionRecord) => Scalar | undefined, operator, values);
    const exact = operator === '=' || operator === 'IN';
    const indexable = INDEXABLE_TYPES.includes(attribute.type) || attribute.name in INDEXED_SYSTEM_FIELDS;
    const plan: IndexPlan | undefined =
      exact && indexable ? { kind: 'lookup', field: attribute.name, keys: values } : undefined;
    return { evaluate, plan };
  }
}

function and(left: Evaluator, right: Evaluator): Evaluator {
  return (r) => {
    const a = left(r);
    if (a === false) return false;
    const b = right(r);
    if (b === false) return false;
    return a === undefined || b === undefined ? undefined : true;
  };
}

function or(left: Evaluator, right: Evaluator): Evaluator {
  return (r) => {
    const a = left(r);
    if (a === true) return true;
    const b = right(r);
    if (b === true) return true;
    return a === undefined || b === undefined ? undefined : false;
  };
}

function scalarPredicate(get: (r: ExecutionRecord) => Scalar | undefined, operator: string, values: Scalar[]): Evaluator {
  const [value] = values;
  const test = ((): ((v: Scalar) => boolean) => {
    switch (operator) {
      case '=': return (v) => v === value;
      case '!=': return (v) => v !== value;
      case '<': return (v) => v < value;
      case '<=': return (v) => v <= value;
      case '>': return (v) => v > value;
      case '>=': return (v) => v >= value;
      case 'IN': { const set = new Set(values); return (v) => set.has(v); }
      case 'NOT IN': { const set = new Set(values); return (v) => !set.has(v); }
      case 'STARTS_WITH': return (v) => String(v).startsWith(String(value));
      default: return (v) => !String(v).startsWith(String(value));
    }
  })();
  return (r) => {
    const v = get(r);
    return v === undefined ? undefined : test(v);
  };
}

/** KeywordList: `=`/`IN` match when the list holds any of the values; `!=`/`NOT IN` when it holds none. */
function keywordListPredicate(get: (r: ExecutionRecord) => FieldValue, operator: string, values: string[]): Evaluator {
  const wanted = new Set(values);
  const positive = operator === '=' || operator === 'IN';
  return (r) => {
    const v = get(r);
    const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    return list.some((item) => wanted.has(item)) === positive;
  };
}

/** Text: `=` matches when the text shares any token with the value; `!=` when it shares none. */
function textPredicate(get: (r: ExecutionRecord) => FieldValue, operator: string, value: string): Evaluator {
  const wanted = new Set(textTokens(value));
  const positive = operator === '=';
  return (r) => {
    const v = get(r);
    const tokens = typeof v === 'string' ? textTokens(v) : [];
    return tokens.some((token) => wanted.has(token)) === positive;
  };
}

/** Missing values sort last in either direction; the RunId ascending breaks ties. */
function compareScalars(a: Scalar | null, b: Scalar | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}

interface SortField {
  get: (r: ExecutionRecord) => Scalar | null;
  descending: boolean;
}

/**
 * The server's default order (SQL visibility): open runs first, then by CloseTime descending, then
 * StartTime descending, then RunId ascending.
 */
const DEFAULT_SORT: readonly SortField[] = [
  { get: (r) => r.closeTime?.getTime() ?? Number.MAX_SAFE_INTEGER, descending: true },
  { get: (r) => r.startTime.getTime(), descending: true },
];

function sortFieldFor(attribute: ResolvedSearchAttribute, descending: boolean): SortField {
  const get = accessorFor(attribute);
  return {
    descending,
    get: (r) => {
      const v = get(r);
      if (v === undefined) return null;
      if (!Array.isArray(v)) return v;
      const sorted = [...v].sort();
      return (descending ? sorted[sorted.length - 1] : sorted[0]) ?? null;
    },
  };
}

/**
 * Parses and type-checks a List Filter against the namespace's search attributes. Throws
 * {@link InvalidQueryError} (INVALID_ARGUMENT "invalid query: …") like the server's query converter.
 */
export function compileQuery(query: string, namespace: string, registry: SearchAttributeRegistry): CompiledQuery {
  return compileParsedQuery(parseQuery(query), namespace, registry);
}

export function compileParsedQuery(parsed: ParsedQuery, namespace: string, registry: SearchAttributeRegistry): CompiledQuery {
  const compiler = new Compiler(namespace, registry);
  if (parsed.limit) throw notSupported(`'LIMIT' clause`);
  const where = parsed.where ? compiler.expr(parsed.where) : undefined;
  if (parsed.groupBy.length > 1) throw notSupported(`'GROUP BY' clause supports only a single field`);
  const groupBy = parsed.groupBy.map((column) => {
    const attribute = compiler.resolve(column);
    if (attribute.name !== 'ExecutionStatus') {
      throw notSupported(`'GROUP BY' clause is not supported for search attribute ${attribute.name}`);
    }
    return attribute.name;
  })[0];
  const sortFields = parsed.orderBy.length
    ? parsed.orderBy.map((item) => {
        const attribute = compiler.resolve(item.column);
        if (attribute.type === T.INDEXED_VALUE_TYPE_TEXT) {
          throw notSupported(`unable to sort by search attribute type ${indexedValueTypeName(attribute.type)}`);
        }
        return sortFieldFor(attribute, item.descending);
      })
    : DEFAULT_SORT;
  const evaluate = where?.evaluate;
  return {
    matches: evaluate ? (r) => evaluate(r) === true : () => true,
    compare: (a, b) => {
      for (const field of sortFields) {
        const order = compareScalars(field.get(a), field.get(b), field.descending);
        if (order !== 0) return order;
      }
      return compareScalars(a.runId, b.runId, false);
    },
    sortKey: (r) => [...sortFields.map((field) => field.get(r)), r.runId],
    compareToKey: (r, key) => {
      for (let i = 0; i < sortFields.length; i++) {
        const order = compareScalars(sortFields[i].get(r), key[i] ?? null, sortFields[i].descending);
        if (order !== 0) return order;
      }
      return compareScalars(r.runId, key[sortFields.length] ?? null, false);
    },
    plan: where?.plan,
    groupBy,
  };
}
