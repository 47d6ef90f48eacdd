import type { temporal } from '@temporalio/proto';
import { formatRfc3339Nano, parseRfc3339 } from './datetime';
import { GrpcStatus, VisibilityError } from './errors';
import type { SearchAttributeValue } from './execution-record';
import {
  IndexedValueType,
  indexedValueTypeFromName,
  indexedValueTypeName,
  SearchAttributeRegistry,
} from './search-attributes';

export type Payload = temporal.api.common.v1.IPayload;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

function metadataString(payload: Payload, key: string): string | undefined {
  const bytes = payload.metadata?.[key];
  return bytes ? textDecoder.decode(bytes) : undefined;
}

/** The `type` metadata of a search attribute payload, when the sender set one. */
export function payloadIndexedValueType(payload: Payload): IndexedValueType | undefined {
  const name = metadataString(payload, 'type');
  return name === undefined ? undefined : indexedValueTypeFromName(name);
}

/**
 * Decodes one search attribute payload (`json/plain`) as a value of `type`, or of the payload's own
 * `type` metadata when no type is given. `null` means "unset" (a JSON null, `binary/null`, or an empty
 * list). Accepts the legacy untyped SDK form: a one-element array for a scalar type.
 * Throws a plain Error when the payload does not hold a value of that type.
 */
export function decodeSearchAttributePayload(payload: Payload, type?: IndexedValueType): SearchAttributeValue | null {
  const effectiveType = type ?? payloadIndexedValueType(payload);
  if (effectiveType === undefined) throw new Error('search attribute payload has no type');
  const encoding = metadataString(payload, 'encoding');
  if (encoding === 'binary/null') return null;
  if (encoding !== undefined && encoding !== 'json/plain') throw new Error(`unsupported encoding ${encoding}`);
  const json: unknown = JSON.parse(textDecoder.decode(payload.data ?? new Uint8Array()));
  if (json === null) return null;
  if (effectiveType === IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
    const list = Array.isArray(json) ? json : [json];
    if (!list.every((item): item is string => typeof item === 'string')) throw invalidValue(json, effectiveType);
    return list.length === 0 ? null : list;
  }
  let scalar = json;
  if (Array.isArray(json)) {
    if (json.length === 0) return null;
    if (json.length > 1) throw invalidValue(json, effectiveType);
    scalar = json[0];
  }
  const value = scalarValue(scalar, effectiveType);
  if (value === undefined) throw invalidValue(json, effectiveType);
  return value;
}

function scalarValue(json: unknown, type: IndexedValueType): SearchAttributeValue | undefined {
  switch (type) {
    case IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD:
    case IndexedValueType.INDEXED_VALUE_TYPE_TEXT:
      return typeof json === 'string' ? json : undefined;
    case IndexedValueType.INDEXED_VALUE_TYPE_INT:
      return Number.isInteger(json) ? (json as number) : undefined;
    case IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE:
      return typeof json === 'number' ? json : undefined;
    case IndexedValueType.INDEXED_VALUE_TYPE_BOOL:
      return typeof json === 'boolean' ? json : undefined;
    case IndexedValueType.INDEXED_VALUE_TYPE_DATETIME: {
      const ms = typeof json === 'string' ? parseRfc3339(json) : undefined;
      return ms === undefined ? undefined : new Date(ms);
    }
    default:
      return undefined;
  }
}

function invalidValue(json: unknown, type: IndexedValueType): Error {
  return new Error(`${JSON.stringify(json)} is not a valid ${indexedValueTypeName(type)} value`);
}

/**
 * Encodes a value as the server returns it and as `@temporalio/client` decodes typed search
 * attributes: `json/plain` data with `type` metadata ("Keyword", "KeywordList", "Datetime" …);
 * Datetime as an RFC 3339 string with Go's nanosecond formatting.
 */
export function encodeSearchAttributePayload(value: SearchAttributeValue, type: IndexedValueType): Payload {
  const json = value instanceof Date ? formatRfc3339Nano(value) : value;
  return {
    metadata: {
      encoding: textEncoder.encode('json/plain'),
      type: textEncoder.encode(indexedValueTypeName(type)),
    },
    data: textEncoder.encode(JSON.stringify(json)),
  };
}

/** The type a value would have if nothing said otherwise (for attributes since unregistered). */
export function inferIndexedValueType(value: SearchAttributeValue): IndexedValueType {
  if (Array.isArray(value)) return IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
  if (value instanceof Date) return IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
  if (typeof value === 'boolean') return IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? IndexedValueType.INDEXED_VALUE_TYPE_INT : IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
  }
  return IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
}

/**
 * Validates and decodes `SearchAttributes.indexed_fields` from a start or upsert request as the
 * server's validator does, with its INVALID_ARGUMENT messages. A `null` value means "remove".
 */
export function decodeSearchAttributes(
  namespace: string,
  indexedFields: Readonly<Record<string, Payload>> | null | undefined,
  registry: SearchAttributeRegistry,
): Record<string, SearchAttributeValue | null> {
  const decoded: Record<string, SearchAttributeValue | null> = {};
  for (const [name, payload] of Object.entries(indexedFields ?? {})) {
    const resolved = registry.resolve(namespace, name);
    if (resolved?.category === 'system') {
      throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, `${name} attribute can't be set in SearchAttributes`);
    }
    if (resolved === undefined || resolved.name !== name) {
      throw new VisibilityError(GrpcStatus.INVALID_ARGUMENT, `search attribute ${name} is not defined`);
    }
    try {
      decoded[name] = decodeSearchAttributePayload(payload, resolved.type);
    } catch {
      throw new VisibilityError(
        GrpcStatus.INVALID_ARGUMENT,
        `${describePayload(payload)} is not a valid value for search attribute ${name} of type ${indexedValueTypeName(resolved.type)}`,
      );
    }
  }
  return decoded;
}

function describePayload(payload: Payload): string {
  try {
    const json: unknown = JSON.parse(textDecoder.decode(payload.data ?? new Uint8Array()));
    return Array.isArray(json) ? `[${json.join(' ')}]` : String(json);
  } catch {
    return 'value';
  }
}

/** Applies decoded upserts to current values: `null` removes an attribute, anything else sets it. */
export function applySearchAttributeUpserts(
  current: Readonly<Record<string, SearchAttributeValue>>,
  upserts: Readonly<Record<string, SearchAttributeValue | null>>,
): Record<string, SearchAttributeValue> {
  const next: Record<string, SearchAttributeValue> = { ...current };
  for (const [name, value] of Object.entries(upserts)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}

/** Encodes stored values for a response (`WorkflowExecutionInfo.search_attributes.indexed_fields`). */
export function encodeSearchAttributes(
  namespace: string,
  values: Readonly<Record<string, SearchAttributeValue>>,
  registry: SearchAttributeRegistry,
): Record<string, Payload> {
  const encoded: Record<string, Payload> = {};
  for (const [name, value] of Object.entries(values)) {
    const type = registry.resolve(namespace, name)?.type ?? inferIndexedValueType(value);
    encoded[name] = encodeSearchAttributePayload(value, type);
  }
  return encoded;
}
