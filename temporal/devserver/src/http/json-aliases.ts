/**
 * The spellings Temporal's own JSON reader accepts besides canonical proto3 JSON, rewritten to the canonical
 * form before `proto3-json-serializer` reads a request: original (snake_case) field names, as protojson accepts
 * them (the UI sends `request_id`, `schedule_id`), and Temporal's shorthand enum names (`BufferAll` for
 * `SCHEDULE_OVERLAP_POLICY_BUFFER_ALL`, as `go.temporal.io/api/temporalproto` reads them; the UI's schedule
 * trigger and backfill send those).
 */
import { Enum, Type } from 'protobufjs';
import type { JSONObject, JSONValue } from 'proto3-json-serializer';

/** `request_id` → `requestId`. */
const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `ScheduleOverlapPolicy` → `SCHEDULE_OVERLAP_POLICY_`. */
const enumPrefix = (enumType: Enum): string => `${enumType.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_`;

/** `SCHEDULE_OVERLAP_POLICY_BUFFER_ALL` → `BufferAll`. */
function shorthand(valueName: string, prefix: string): string | undefined {
  if (!valueName.startsWith(prefix)) return undefined;
  return valueName
    .slice(prefix.length)
    .split('_')
    .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
    .join('');
}

const shorthands = new WeakMap<Enum, Map<string, string>>();

/** The canonical value name for a shorthand one (itself when it is not a shorthand of this enum). */
function canonicalEnumName(enumType: Enum, name: string): string {
  if (name in enumType.values) return name;
  let byShorthand = shorthands.get(enumType);
  if (!byShorthand) {
    const prefix = enumPrefix(enumType);
    byShorthand = new Map();
    for (const valueName of Object.keys(enumType.values)) {
      const short = shorthand(valueName, prefix);
      if (short) byShorthand.set(short, valueName);
    }
    shorthands.set(enumType, byShorthand);
  }
  return byShorthand.get(name) ?? name;
}

/** A copy of `json` with every alias rewritten to its canonical spelling, by the message type. */
export function canonicalJson(type: Type, json: JSONObject): JSONObject {
  const out: JSONObject = {};
  for (const [key, value] of Object.entries(json)) {
    const field = type.fields[key] ?? type.fields[camel(key)];
    if (!field) {
      out[key] = value;
      continue;
    }
    const resolved = field.resolve().resolvedType;
    const convert = (element: JSONValue): JSONValue => {
      if (resolved instanceof Enum && typeof element === 'string') return canonicalEnumName(resolved, element);
      if (resolved instanceof Type && !resolved.fullName.startsWith('.google.protobuf.') && isObject(element)) return canonicalJson(resolved, element);
      return element;
    };
    if (field.map && isObject(value)) out[field.name] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    else if (field.repeated && Array.isArray(value)) out[field.name] = value.map(convert);
    else out[field.name] = convert(value);
  }
  return out;
}

function isObject(value: JSONValue): value is JSONObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
