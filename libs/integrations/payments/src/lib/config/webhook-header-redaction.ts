import { XENDIT_CALLBACK_TOKEN_HEADER } from '../adapters/xendit';
import type { WebhookHeaders } from '../gateway/port';
import { REDACTED } from './secret';

/**
 * Request headers that carry a secret and are stored redacted: credentials in general, and Xendit's callback
 * token (the same shared secret on every callback). The signature headers (Tripay `x-callback-signature`, sandbox
 * `x-lunas-signature`; Midtrans signs in the body) are kept: each is an HMAC of its own body, useless for another
 * notification and needed to re-check the one it came with.
 */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', XENDIT_CALLBACK_TOKEN_HEADER]);

/** The headers as they may be stored (inbox row): secret values replaced by "[redacted]", absent ones left out. */
export function redactWebhookHeaders(headers: WebhookHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    kept[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : typeof value === 'string' ? value : [...value];
  }
  return kept;
}
