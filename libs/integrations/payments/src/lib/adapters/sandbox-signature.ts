import { constantTimeEqual, hmacSha256Hex } from '../shared/crypto';
import { headerValue } from '../shared/headers';
import type { WebhookHeaders, WebhookRejection } from '../gateway/port';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${rawBody}">`. */
export const SANDBOX_SIGNATURE_HEADER = 'x-lunas-signature';

/**
 * Accepted clock difference between the signature timestamp and our clock: 300 s (5 min), the
 * replay window RFC 5176 calls adequate and the one Stripe-style timestamped signatures use.
 */
export const SANDBOX_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Signs a raw body the way the sandbox gateway does (pay page → webhook, adapter → sandbox API). */
export function signSandboxPayload(rawBody: Buffer | string, secret: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${sandboxDigest(timestamp, rawBody, secret)}`;
}

/**
 * Verifies `X-Lunas-Signature` over the exact raw body. Several `v1=` entries may be present (secret
 * rotation); any match is enough. The signature is checked before the timestamp, so a stale
 * rejection is only given for a genuine (replayed or delayed) request.
 */
export function verifySandboxSignature(rawBody: Buffer, headers: WebhookHeaders, secret: string, now: Date): WebhookRejection | undefined {
  const header = headerValue(headers, SANDBOX_SIGNATURE_HEADER);
  if (!header) return { reason: 'missing_signature', detail: `${SANDBOX_SIGNATURE_HEADER} header absent` };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => (value ?? '').toLowerCase());
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]) || signatures.length === 0) {
    return { reason: 'bad_signature', detail: `${SANDBOX_SIGNATURE_HEADER} is not 't=<unix>,v1=<hex>'` };
  }
  const timestamp = Number(timestamps[0]);
  const expected = sandboxDigest(timestamp, rawBody, secret);
  if (!signatures.some((signature) => constantTimeEqual(signature, expected))) {
    return { reason: 'bad_signature', detail: `${SANDBOX_SIGNATURE_HEADER} mismatch` };
  }
  const skew = Math.abs(now.getTime() / 1000 - timestamp);
  if (skew > SANDBOX_SIGNATURE_TOLERANCE_SECONDS) {
    return { reason: 'stale_timestamp', detail: `timestamp ${timestamp} is ${Math.round(skew)} s from now (tolerance ${SANDBOX_SIGNATURE_TOLERANCE_SECONDS} s)` };
  }
  return undefined;
}

function sandboxDigest(timestamp: number, rawBody: Buffer | string, secret: string): string {
  return hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8')]));
}
