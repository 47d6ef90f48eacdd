import { normalisePhone } from '@lunas/domain';
import { invalidFields } from './validation-message';

/** The `62…` form of an Indonesian phone number as typed; a 400 on `field` (Indonesian) when it is not one. */
export function validPhone(input: string, field = 'phone'): string {
  try {
    return normalisePhone(input);
  } catch (error) {
    throw invalidFields([{ field, message: (error as Error).message }]);
  }
}

/** {@link validPhone} of an optional number: empty or null clears it. */
export function validOptionalPhone(input: string | null | undefined, field = 'phone'): string | null {
  return input === null || input === undefined || input === '' ? null : validPhone(input, field);
}
