/**
 * Protobuf access for the dev server: the typed `temporal` namespace from `@temporalio/proto` (protobufjs
 * reflection types with generated TypeScript declarations) plus small converters for the well-known types.
 */
import type Long from 'long';
import * as protos from '@temporalio/proto';
import { google, temporal } from '@temporalio/proto';

export { google, temporal };

/** The protobufjs root (used to look up gRPC service definitions). */
export const protoRoot = protos as unknown as import('protobufjs').Root;

export import history = temporal.api.history.v1;
export import common = temporal.api.common.v1;
export import enums = temporal.api.enums.v1;
export import wfs = temporal.api.workflowservice.v1;
export import failure = temporal.api.failure.v1;
export import update = temporal.api.update.v1;
export import protocol = temporal.api.protocol.v1;

export type HistoryEvent = history.IHistoryEvent;
export type Payloads = common.IPayloads;
export type Payload = common.IPayload;

type LongLike = Long | number | string | null | undefined;

/** int64 (protobufjs `Long`, number or decimal string) to a JS number. */
export function num(value: LongLike): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  return value.toNumber();
}

/**
 * An int64 field value from a JS number. protobufjs encodes plain numbers for int64 fields; the generated
 * typings only name `Long`. Numbers keep history events small (no Long object per field).
 */
export function int64(value: number): Long {
  return value as unknown as Long;
}

/** `google.protobuf.Timestamp` from epoch milliseconds. */
export function tsFromMs(ms: number): google.protobuf.ITimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: int64(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** Epoch milliseconds from a `google.protobuf.Timestamp` (0 when absent). */
export function msFromTs(ts: google.protobuf.ITimestamp | null | undefined): number {
  if (!ts) return 0;
  return num(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

/** `google.protobuf.Duration` from milliseconds (an empty message for 0: "no timeout"). */
export function durFromMs(ms: number): google.protobuf.IDuration {
  if (!ms) return {};
  const seconds = Math.floor(ms / 1000);
  return { seconds: int64(seconds), nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** Milliseconds from a `google.protobuf.Duration` (0 when absent). */
export function msFromDur(d: google.protobuf.IDuration | null | undefined): number {
  if (!d) return 0;
  return num(d.seconds) * 1000 + Math.floor((d.nanos ?? 0) / 1e6);
}

/** Encodes a message to bytes with its protobufjs type. */
export function encode<T>(type: { encode(m: T): { finish(): Uint8Array } }, message: T): Buffer {
  const bytes = type.encode(message).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
