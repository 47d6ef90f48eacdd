import { PaymentsError } from '../gateway/errors';
import type { GatewayName } from '../gateway/events';
import { isRecord } from './webhook-result';

export interface FetchResponseLike {
  readonly status: number;
  text(): Promise<string>;
}

export interface FetchRequestInit {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the request (global fetch honours it). */
  readonly signal?: AbortSignal;
}

/** The subset of the WHATWG `fetch` the adapters use; the global `fetch` of Node 20 satisfies it. */
export type FetchLike = (url: string, init: FetchRequestInit) => Promise<FetchResponseLike>;

/**
 * Outbound request timeout: 15 s, the same as Midtrans's own notification timeout; the activity that
 * calls createPayment retries on GATEWAY_UNAVAILABLE.
 */
export const GATEWAY_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends one JSON request and returns the parsed JSON object body.
 * Network failure, timeout or 5xx → GATEWAY_UNAVAILABLE; 4xx → GATEWAY_REJECTED with the provider's
 * message; a 2xx body that is not a JSON object → GATEWAY_BAD_RESPONSE.
 */
export async function requestJson(
  fetchFn: FetchLike,
  gateway: GatewayName,
  url: string,
  init: Omit<FetchRequestInit, 'signal'>,
): Promise<Record<string, unknown>> {
  let status: number;
  let text: string;
  try {
    const response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(GATEWAY_REQUEST_TIMEOUT_MS) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw PaymentsError.unavailable(gateway, error instanceof Error ? error.message : String(error));
  }
  const body = parseBody(text);
  if (status >= 500) throw PaymentsError.unavailable(gateway, `HTTP ${status}`);
  if (status >= 400) throw PaymentsError.rejected(gateway, status, providerMessage(body) ?? `HTTP ${status}`);
  if (!isRecord(body)) throw PaymentsError.badResponse(gateway, `HTTP ${status} body is not a JSON object`);
  return body;
}

/** The human message providers put in error bodies (Midtrans status_message, Xendit/Tripay message). */
export function providerMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const key of ['status_message', 'message', 'error_code']) {
    if (typeof body[key] === 'string' && body[key]) return body[key] as string;
  }
  return undefined;
}

export function basicAuth(username: string, password = ''): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
