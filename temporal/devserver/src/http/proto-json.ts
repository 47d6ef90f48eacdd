/**
 * proto3 JSON for the HTTP API (the mapping grpc-gateway and the Temporal UI server use): camelCase names,
 * int64 as strings, enums as names (numbers accepted on input), bytes as base64, Timestamp as RFC 3339,
 * Duration as "1.5s". Requests are read with `proto3-json-serializer` (Google's, for protobufjs types);
 * answers are written with protobufjs `toObject` plus the well-known types' JSON forms (the serializer
 * cannot write `map<string, bytes>`, which every Payload's metadata is).
 */
import { fromProto3JSON, type JSONObject, type JSONValue } from 'proto3-json-serializer';
import type { IConversionOptions, Message, Type } from 'protobufjs';
import { canonicalJson } from './json-aliases';

export type { JSONObject, JSONValue };

/** A request or response body that is not valid for its message type. */
export class ProtoJsonError extends Error {
  override readonly name = 'ProtoJsonError';
}

/**
 * Decodes proto3 JSON into the message a gRPC handler would receive: the same protobufjs instance
 * (`Long` int64, `Uint8Array` bytes, numeric enums) as decoding the request from the wire.
 */
export function messageFromJson(type: Type, json: JSONObject): Message {
  let message: Message | null;
  try {
    message = fromProto3JSON(type, canonicalJson(type, json));
  } catch (error) {
    throw new ProtoJsonError(`invalid ${type.name}: ${(error as Error).message}`);
  }
  if (!message) throw new ProtoJsonError(`invalid ${type.name}: empty message`);
  const invalid = type.verify(message);
  if (invalid) throw new ProtoJsonError(`invalid ${type.name}: ${invalid}`);
  return type.decode(type.encode(message).finish());
}

/** protobufjs `toObject` options for proto3 JSON: int64 and bytes as strings, enum names, empty lists kept. */
const TO_OBJECT: IConversionOptions = { longs: String, enums: String, bytes: String, json: true, arrays: true };

/**
 * proto3 JSON of a handler's answer. The answer is normalised through the wire encoding, exactly as the gRPC
 * side sends it (plain objects, numbers for int64 and `Buffer`s all serialise alike), converted by protobufjs
 * `toObject`, then well-known types take their JSON forms. Empty repeated fields are written as `[]`: the
 * UI reads lists such as `history.events` without checking that they are there.
 */
export function messageToJson(type: Type, value: object): JSONObject {
  const message = type.decode(type.encode(value).finish());
  return wellKnownToJson(type, type.toObject(message, TO_OBJECT)) as JSONObject;
}

/** Rewrites the well-known types inside a `toObject` result (Timestamp, Duration, wrappers, FieldMask). */
function wellKnownToJson(type: Type, object: Record<string, unknown>): unknown {
  switch (type.fullName) {
    case '.google.protobuf.Timestamp':
      return timestampToJson(Number(object['seconds'] ?? 0), Number(object['nanos'] ?? 0));
    case '.google.protobuf.Duration':
      return durationToJson(Number(object['seconds'] ?? 0), Number(object['nanos'] ?? 0));
    case '.google.protobuf.FieldMask':
      return ((object['paths'] as string[] | undefined) ?? []).join(',');
  }
  if (WRAPPERS.has(type.fullName)) return object['value'] ?? WRAPPERS.get(type.fullName);
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    const nested = field.resolve().resolvedType;
    if (value === undefined || value === null || !nested || !('fieldsArray' in nested)) continue;
    const convert = (element: unknown) => wellKnownToJson(nested as Type, element as Record<string, unknown>);
    if (Array.isArray(value)) object[field.name] = value.map(convert);
    else if (field.map) object[field.name] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    else object[field.name] = convert(value);
  }
  return object;
}

/** Wrapper types → the JSON value of their default. */
const WRAPPERS = new Map<string, JSONValue>([
  ['.google.protobuf.BoolValue', false],
  ['.google.protobuf.StringValue', ''],
  ['.google.protobuf.BytesValue', ''],
  ['.google.protobuf.Int32Value', 0],
  ['.google.protobuf.UInt32Value', 0],
  ['.google.protobuf.FloatValue', 0],
  ['.google.protobuf.DoubleValue', 0],
  ['.google.protobuf.Int64Value', '0'],
  ['.google.protobuf.UInt64Value', '0'],
]);

/** 0, 3, 6 or 9 fractional digits, as proto3 JSON writes them. */
function fraction(nanos: number): string {
  if (!nanos) return '';
  const digits = String(nanos).padStart(9, '0');
  return `.${digits.endsWith('000000') ? digits.slice(0, 3) : digits.endsWith('000') ? digits.slice(0, 6) : digits}`;
}

/** RFC 3339 in UTC, e.g. `2026-11-21T10:00:00.125Z`. */
export function timestampToJson(seconds: number, nanos: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction(nanos)}Z`;
}

/** Seconds with an `s` suffix, e.g. `10s`, `1.500s`, `-0.250s`. */
export function durationToJson(seconds: number, nanos: number): string {
  const sign = seconds < 0 || nanos < 0 ? '-' : '';
  return `${sign}${Math.abs(seconds)}${fraction(Math.abs(nanos))}s`;
}
