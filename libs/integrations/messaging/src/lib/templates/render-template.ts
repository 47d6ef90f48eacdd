import { CLOSINGS, GREETINGS } from './default-templates';
import { TEMPLATE_VARIABLES, type MessageValues } from './template-variables';

/** `{name}` or `{name?}`: a variable; the `?` leaves the whole line out when the value is empty. */
const PLACEHOLDER = /\{([a-z_]+)(\?)?\}/g;

/** A template the mitra wrote that cannot be used; `message` is Indonesian and names the problem. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Throws a {@link TemplateError} naming the first unknown variable, or an empty template. */
export function assertValidTemplate(body: string): void {
  if (body.trim() === '') throw new TemplateError('Isi template tidak boleh kosong');
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!(name in TEMPLATE_VARIABLES)) {
      throw new TemplateError(`Variabel {${name}} tidak dikenal. Variabel yang tersedia: ${Object.keys(TEMPLATE_VARIABLES).map((known) => `{${known}}`).join(', ')}`, name);
    }
  }
}

/** FNV-1a: a stable number from the message's idempotency key, so that a retry renders the very same text. */
export function stableHash(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The message text: one of `variants` and a greeting and closing picked from `seed` (different messages of a bulk
 * send differ, a retry of the same one is identical), every `{variable}` filled, lines with an empty `{variable?}`
 * left out, other empty values written `-`.
 */
export function renderTemplate(variants: readonly string[], values: MessageValues, seed: string): string {
  const hash = stableHash(seed);
  const body = variants[hash % variants.length];
  assertValidTemplate(body);
  const filled: MessageValues = { salam: GREETINGS[(hash >>> 8) % GREETINGS.length], penutup: CLOSINGS[(hash >>> 16) % CLOSINGS.length], ...values };
  return body
    .split('\n')
    .flatMap((line) => {
      let omitted = false;
      const rendered = line.replace(PLACEHOLDER, (_all, name: string, optional?: string) => {
        const value = TEMPLATE_VARIABLES[name].value(filled);
        if (value === undefined || value === '') {
          if (optional) omitted = true;
          return '-';
        }
        return value;
      });
      return omitted ? [] : [rendered];
    })
    .join('\n');
}
