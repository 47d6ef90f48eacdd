import { PaymentsError } from '../gateway/errors';
import type { GatewayName } from '../gateway/events';
import { isRecord } from './webhook-result';

/** Thrown while reading a provider payload that lacks a field or has one of the wrong type. */
export class MalformedPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPayloadError';
  }
}

/** Typed, path-aware reads of a provider JSON object; every miss throws MalformedPayloadError. */
export class PayloadReader {
  constructor(
    private readonly data: Record<string, unknown>,
    private readonly path = '',
  ) {}

  string(name: string): string {
    const value = this.data[name];
    if (typeof value !== 'string' || value === '') throw this.miss(name, 'a non-empty string');
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.data[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw this.miss(name, 'a string');
    return value;
  }

  /** Integer rupiah given as a JSON number. */
  rupiah(name: string): number {
    const value = this.data[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw this.miss(name, 'a non-negative integer amount');
    return value;
  }

  /** Integer rupiah given as a decimal string such as "100000.00" (Midtrans); non-zero cents are refused. */
  decimalRupiah(name: string): number {
    const value = this.string(name);
    const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match || /[1-9]/.test(match[2] ?? '')) throw this.miss(name, `a whole-rupiah decimal string, got '${value}'`);
    return Number(match[1]);
  }

  optionalDecimalRupiah(name: string): number | undefined {
    return this.data[name] === undefined || this.data[name] === null ? undefined : this.decimalRupiah(name);
  }

  optionalInteger(name: string): number | undefined {
    const value = this.data[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw this.miss(name, 'an integer');
    return value;
  }

  object(name: string): PayloadReader {
    const value = this.data[name];
    if (!isRecord(value)) throw this.miss(name, 'an object');
    return new PayloadReader(value, `${this.path}${name}.`);
  }

  optionalObject(name: string): PayloadReader | undefined {
    return this.data[name] === undefined || this.data[name] === null ? undefined : this.object(name);
  }

  /** Object elements of an array field (absent → empty). */
  objects(name: string): PayloadReader[] {
    const value = this.data[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || !value.every(isRecord)) throw this.miss(name, 'an array of objects');
    return value.map((item, index) => new PayloadReader(item, `${this.path}${name}[${index}].`));
  }

  has(name: string): boolean {
    return this.data[name] !== undefined && this.data[name] !== null;
  }

  private miss(name: string, expected: string): MalformedPayloadError {
    return new MalformedPayloadError(`field '${this.path}${name}' must be ${expected}`);
  }
}

/** Parses an ISO 8601 timestamp into a UTC ISO string, or throws MalformedPayloadError. */
export function isoInstant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new MalformedPayloadError(`field '${field}' must be a timestamp, got '${value}'`);
  return new Date(time).toISOString();
}

/** Runs a read of a gateway API answer; a malformed answer becomes PaymentsError GATEWAY_BAD_RESPONSE. */
export function readGatewayResponse<T>(gateway: GatewayName, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedPayloadError) throw PaymentsError.badResponse(gateway, error.message);
    throw error;
  }
}
