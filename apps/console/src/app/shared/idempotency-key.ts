/**
 * A fresh `Idempotency-Key` for one form: the same key goes with every retry of that form's submit, so a double
 * click or a repeat after a timeout creates one record. `getRandomValues` works outside secure contexts too
 * (a console opened over plain HTTP on the LAN), unlike `randomUUID`.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
