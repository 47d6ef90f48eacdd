import { MalformedPayloadError } from './payload';
import type { NormalisedPaymentEvent } from '../gateway/events';
import type { WebhookRejectionReason, WebhookVerification } from '../gateway/port';

export function rejected(reason: WebhookRejectionReason, detail: string): WebhookVerification {
  return { ok: false, rejection: { reason, detail } };
}

export function accepted(events: readonly NormalisedPaymentEvent[]): WebhookVerification {
  return { ok: true, events };
}

/** Parses a raw JSON body into an object, or explains why it is not one. */
export function parseJsonObject(rawBody: Buffer): { value: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(rawBody.toString('utf8'));
    return isRecord(value) ? { value } : { error: 'body is not a JSON object' };
  } catch {
    return { error: 'body is not valid JSON' };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs the parse of an authenticated notification; a malformed one becomes a `malformed_payload` rejection. */
export function parseAuthenticated(parse: () => readonly NormalisedPaymentEvent[]): WebhookVerification {
  try {
    return accepted(parse());
  } catch (error) {
    if (error instanceof MalformedPayloadError) return rejected('malformed_payload', error.message);
    throw error;
  }
}
