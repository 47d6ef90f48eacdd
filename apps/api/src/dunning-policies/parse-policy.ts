import { validateDunningPolicy, type DunningPolicy } from '@lunas/domain';
import { invalidFields } from '../common/validation-message';

/** The policy document, or a 400 naming each invalid field of it (`policy.<path>`). */
export function parseDunningPolicy(input: unknown): DunningPolicy {
  const result = validateDunningPolicy(input);
  if (!result.ok) throw invalidFields(result.errors.map(({ path, message }) => ({ field: path ? `policy.${path}` : 'policy', message })));
  return result.policy;
}
