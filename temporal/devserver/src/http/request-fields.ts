/**
 * Request fields from URL parts, as grpc-gateway binds them: a dotted field path (`execution.runId`,
 * `next_page_token`, `query.query_type`) names a field of the request message; its text value is converted
 * to the field's proto3 JSON form (bool, number, int64 string, enum name, base64 bytes, Timestamp/Duration
 * text). A value that does not fit its field is a `ProtoJsonError` (HTTP 400); unknown fields are ignored.
 */
import type { Enum, Field, Type } from 'protobufjs';
import { JSONObject, JSONValue, ProtoJsonError } from './proto-json';

/** Well-known message types whose proto3 JSON form is a single string. */
const STRING_MESSAGES = new Set([
  '.google.protobuf.Timestamp',
  '.google.protobuf.Duration',
  '.google.protobuf.FieldMask',
  '.google.protobuf.StringValue',
  '.google.protobuf.BytesValue',
  '.google.protobuf.Int64Value',
  '.google.protobuf.UInt64Value',
]);
/** Wrapper types whose proto3 JSON form is a number or boolean. */
const SCALAR_WRAPPERS: Record<string, string> = {
  '.google.protobuf.Int32Value': 'int32',
  '.google.protobuf.UInt32Value': 'uint32',
  '.google.protobuf.FloatValue': 'float',
  '.google.protobuf.DoubleValue': 'double',
  '.google.protobuf.BoolValue': 'bool',
};

const INT32_RANGE: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  sint32: [-(2 ** 31), 2 ** 31 - 1],
  sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  fixed32: [0, 2 ** 32 - 1],
};
const INT64_TYPES = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);
/** Spellings Go's strconv.ParseBool accepts (grpc-gateway parses booleans with it). */
const TRUE = new Set(['true', 'True', 'TRUE', 't', 'T', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'f', 'F', '0']);

// Structural checks: the proto root may come from another copy of protobufjs than this module would import.
const isType = (value: unknown): value is Type => value !== null && typeof value === 'object' && 'fieldsArray' in value;
const isEnum = (value: unknown): value is Enum => value !== null && typeof value === 'object' && 'valuesById' in value;

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The field chain a dotted path names in `type`, or undefined when some segment is not a field. */
export function resolveFieldPath(type: Type, path: string): Field[] | undefined {
  const chain: Field[] = [];
  let current: Type | undefined = type;
  for (const segment of path.split('.')) {
    if (!current) return undefined;
    current.resolveAll();
    const field: Field | undefined = current.fields[segment] ?? current.fields[camelCase(segment)];
    if (!field) return undefined;
    chain.push(field);
    current = isType(field.resolvedType) ? field.resolvedType : undefined;
  }
  return chain;
}

/**
 * Sets the field that `path` names in the proto3 JSON object `target` from its URL text. Returns false when
 * the path names no field. Repeated fields collect one element per call.
 */
export function setFieldFromText(type: Type, target: JSONObject, path: string, text: string): boolean {
  const chain = resolveFieldPath(type, path);
  if (!chain) return false;
  const leaf = chain[chain.length - 1];
  let node = target;
  for (const field of chain.slice(0, -1)) {
    if (field.repeated || field.map) throw new ProtoJsonError(`${path}: cannot set a field inside a repeated or map field`);
    const child = node[field.name];
    node = (child !== null && typeof child === 'object' && !Array.isArray(child) ? child : (node[field.name] = {})) as JSONObject;
  }
  if (leaf.map) throw new ProtoJsonError(`${path}: map fields cannot be set from the URL`);
  const value = valueFromText(leaf, path, text);
  if (value === undefined) return true;
  if (leaf.repeated) {
    const list = node[leaf.name];
    node[leaf.name] = Array.isArray(list) ? [...list, value] : [value];
  } else {
    node[leaf.name] = value;
  }
  return true;
}

/** The proto3 JSON value of `text` for `field`; undefined (field left unset) for an empty non-string value. */
function valueFromText(field: Field, path: string, text: string): JSONValue | undefined {
  const resolved = field.resolvedType;
  if (isEnum(resolved)) {
    if (text === '') return undefined;
    if (/^-?\d+$/.test(text)) return Number(text);
    if (text in resolved.values) return text;
    throw new ProtoJsonError(`${path}: "${text}" is not a value of ${resolved.name}`);
  }
  if (isType(resolved)) {
    const fullName = resolved.fullName;
    if (STRING_MESSAGES.has(fullName)) return text === '' ? undefined : text;
    if (fullName in SCALAR_WRAPPERS) return scalarFromText(SCALAR_WRAPPERS[fullName], path, text);
    throw new ProtoJsonError(`${path}: message fields cannot be set from the URL`);
  }
  return scalarFromText(field.type, path, text);
}

function scalarFromText(scalar: string, path: string, text: string): JSONValue | undefined {
  if (scalar === 'string') return text;
  if (text === '') return undefined;
  if (scalar === 'bool') {
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw new ProtoJsonError(`${path}: "${text}" is not a boolean`);
  }
  if (scalar === 'bytes') {
    // A '+' of standard base64 arrives as a space when the caller did not percent-encode it.
    const base64 = text.replace(/ /g, '+');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) throw new ProtoJsonError(`${path}: "${text}" is not base64`);
    return base64;
  }
  if (INT64_TYPES.has(scalar)) {
    if (!/^-?\d+$/.test(text) || (scalar.startsWith('u') || scalar.startsWith('fixed')) && text.startsWith('-')) {
      throw new ProtoJsonError(`${path}: "${text}" is not a ${scalar}`);
    }
    return text;
  }
  if (scalar in INT32_RANGE) {
    const [min, max] = INT32_RANGE[scalar];
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || value < min || value > max) throw new ProtoJsonError(`${path}: "${text}" is not a ${scalar}`);
    return value;
  }
  if (scalar === 'float' || scalar === 'double') {
    const value = Number(text);
    if (Number.isNaN(value) && text !== 'NaN') throw new ProtoJsonError(`${path}: "${text}" is not a number`);
    return Number.isFinite(value) ? value : text;
  }
  throw new ProtoJsonError(`${path}: fields of type ${scalar} cannot be set from the URL`);
}
