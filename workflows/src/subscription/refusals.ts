import { ActivityFailure, ApplicationFailure, patched } from '@temporalio/workflow';
import { BillingRefusal } from '@lunas/contracts';
import { records } from './activities';
import type { SubscriptionContext } from './context';

/** Histories from before refusals were handled failed the run on one; they replay that way. */
export const HANDLE_BUSINESS_REFUSALS = 'handle-business-refusals';

/** The actor of what the workflow does on its own (refusals, cancellation). */
export const SYSTEM_ACTOR = { userId: 'system', name: 'Lunas' };
const REFUSAL_CODES = new Set<string>(Object.values(BillingRefusal));

/**
 * The refusal an activity answered with (non-retryable, typed with a {@link BillingRefusal} code), if `error` is one:
 * wrapped in an `ActivityFailure`, or as such from a local activity.
 */
export function businessRefusal(error: unknown): ApplicationFailure | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.nonRetryable && REFUSAL_CODES.has(cause.type ?? '') ? cause : undefined;
}

/**
 * Runs `work`; a business refusal of one of its activities abandons `work` without failing the run: the refusal goes
 * on the timeline and into the audit log the operator reads (`workflow.refusal`). Any other error propagates.
 */
export async function refusable(ctx: SubscriptionContext, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const refusal = businessRefusal(error);
    if (!refusal || !patched(HANDLE_BUSINESS_REFUSALS)) throw error;
    ctx.record({ kind: 'action_refused', trigger: 'system', message: `${what} ditolak: ${refusal.message}` });
    await records.recordAudit({
      tenantId: ctx.ref.tenantId,
      subscriptionId: ctx.ref.subscriptionId,
      action: 'workflow.refusal',
      actor: SYSTEM_ACTOR,
      reason: refusal.message,
      detail: { what, code: refusal.type },
      idempotencyKey: ctx.effectKey('audit:workflow.refusal'),
    });
  }
}
