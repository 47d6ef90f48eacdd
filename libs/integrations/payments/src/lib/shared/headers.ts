import type { WebhookHeaders } from '../gateway/port';

/** Case-insensitive header lookup; the first value of a repeated header; blank counts as absent. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = typeof value === 'string' ? value : value[0];
    return first?.trim() ? first.trim() : undefined;
  }
  return undefined;
}
