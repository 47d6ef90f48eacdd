import { condition } from '@temporalio/workflow';
import { nextDuePeriod, shouldIssueInvoice } from '@lunas/domain';
import type { IssueNextInvoiceRequest, ManualIssueOutcome, ManualIssueSkipReason } from '@lunas/contracts';
import { now, type PendingManualIssue, type SubscriptionContext } from './context';

/** A manual issue the records refused (the refusal itself is on the timeline). */
export const ISSUE_REFUSED = 'Penerbitan tagihan ditolak; alasannya ada di riwayat langganan';

/**
 * `issueNextInvoiceNow`: the invoice of the next period is issued now by the main loop, as its issue time would
 * (`startCycle`), and the answer says what happened. One request at a time; each is checked against the state once
 * the one before it is done, so a repeat, or a request racing the scheduled issue, finds the period invoiced and is
 * skipped. The next period's own issue time is unchanged.
 */
export async function issueNextInvoiceNow(ctx: SubscriptionContext, request: IssueNextInvoiceRequest): Promise<ManualIssueOutcome> {
  await condition(() => ctx.manualIssue === undefined || ctx.ending);
  const period = request.period ?? nextDuePeriod(ctx.ref.billingDay, now()).key;
  const reason = ctx.ending ? endingReason(ctx) : skipReason(ctx, period);
  if (reason) return { status: 'skipped', period, reason };
  const pending: PendingManualIssue = { period, actor: request.actor };
  ctx.manualIssue = pending;
  ctx.wake();
  await condition(() => pending.outcome !== undefined || ctx.ending);
  ctx.manualIssue = undefined;
  return pending.outcome ?? { status: 'skipped', period, reason: endingReason(ctx) };
}

/** The manual issue the main loop should carry out now, if any. */
export function manualIssueDue(ctx: SubscriptionContext): PendingManualIssue | undefined {
  const pending = ctx.manualIssue;
  return pending && !pending.outcome && pending.period === ctx.state.nextPeriod ? pending : undefined;
}

function skipReason(ctx: SubscriptionContext, period: string): ManualIssueSkipReason | undefined {
  const { state } = ctx;
  if (state.cancellation) return 'cancelled';
  if (period < state.nextPeriod) return 'already_invoiced';
  if (period !== state.nextPeriod) return 'not_next_period';
  if (!shouldIssueInvoice(state.pendingPolicy ?? state.policy, state.suspended)) return 'isolated';
  return undefined;
}

/** A run that ends now either cancels the subscription or continues as new to issue its next period on schedule. */
function endingReason(ctx: SubscriptionContext): ManualIssueSkipReason {
  return ctx.state.cancellation ? 'cancelled' : 'already_invoiced';
}
