/**
 * proto3 JSON for the HTTP API (the mapping grpc-gateway and the Temporal UI server use): camelCase names,
 * int64 as strings, enums as names (numbers accepted on input), bytes as base64, Timestamp as RFC 3339,
 * Duration as "1.5s". The conversion itself is `proto3-json-serializer` (Google's, for protobufjs types).
 */
import { fromProto3JSON, toProto3JSON, type JSONObject, type JSONValue } from 'proto3-json-serializer';
import type { Message, Type } from 'protobufjs';

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
    message = fromProto3JSON(type, json);
  } catch (error) {
    throw new ProtoJsonError(`invalid ${type.name}: ${(error as Error).message}`);
  }
  if (!message) throw new ProtoJsonError(`invalid ${type.name}: empty message`);
  const invalid = type.verify(message);
  if (invalid) throw new ProtoJsonError(`invalid ${type.name}: ${invalid}`);
  return type.decode(type.encode(message).finish());
}

/**
 * proto3 JSON of a handler's answer. The answer is first normalised through the wire encoding, exactly as
 * the gRPC side sends it, so plain objects, numbers for int64 and `Buffer`s all serialise alike.
 */
export function messageToJson(type: Type, value: object): JSONValue {
  const message = type.decode(type.encode(value).finish());
  const json = toProto3JSON(message);
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) withEmptyLists(type, json);
  return json;
}

/**
 * Writes `[]` for every unset repeated field of the messages in `json` (proto3 JSON may omit them): the UI
 * reads lists such as `history.events` without checking that they are there.
 */
function withEmptyLists(type: Type, json: JSONObject): void {
  if (type.fullName.startsWith('.google.protobuf.')) return;
  for (const field of type.fieldsArray) {
    const value = json[field.name];
    const nested = field.resolve().resolvedType;
    const messageType = nested && 'fieldsArray' in nested ? (nested as Type) : undefined;
    if (field.repeated && value === undefined) json[field.name] = [];
    else if (messageType && !field.map && value !== null && typeof value === 'object') {
      for (const element of Array.isArray(value) ? value : [value]) {
        if (element !== null && typeof element === 'object' && !Array.isArray(element)) withEmptyLists(messageType, element);
      }
    }
  }
}
