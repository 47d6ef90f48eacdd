import { allHandlersFinished, condition, continueAsNew, patched } from '@temporalio/workflow';
import type { SubscriptionCarriedState, SubscriptionWorkflowInput, SubscriptionWorkflowResult } from '@lunas/contracts';
import { issueActivationInvoice } from './subscription/activation';
import { ACTIVATION_INVOICE } from './subscription/activities';
import { catchUpIfLate } from './subscription/catch-up';
import { now, SubscriptionContext } from './subscription/context';
import { expirePromise, finishCancellation, nextWakeAt, noteOverdue, runDueStep, sendIssueNoticeIfDue, startCycle } from './subscription/cycle';
import { registerHandlers } from './subscription/handlers';
import { drainInbox } from './subscription/inbox';
import { ISSUE_REFUSED, manualIssueDue } from './subscription/manual-issue';
import { refusable } from './subscription/refusals';
import { initialState, nextIssueAt, readCarriedState } from './subscription/subscription-state';

/**
 * One subscription's billing, for its whole life: a new subscription is first billed from its activation date
 * (`activation`), then each cycle waits for the issue time of the next period (H-1 06:00 WIB), or an operator's
 * manual issue of it, issues its invoice once, then walks the tenant's dunning policy through the pure planner until
 * the invoice is settled, while payments, promises and operator actions arrive as messages. At the next issue time it
 * continues as new, carrying its state.
 *
 * The parts live in `./subscription/`: the activation invoice (`activation`), message handlers and queries (`handlers`), the commands they queue
 * (`inbox`), the cycle and the dunning ladder (`cycle`), payments and invoice changes (`ledger`), operator requests
 * answered at once (`requests`), customer and network effects (`effects`), business refusals of activities, recorded
 * instead of failing the run (`refusals`), re-planning after the workflow missed its moments (`catch-up`).
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionWorkflowResult> {
  // Workflows already running (and their histories) never issue a retroactive activation invoice.
  const activation = !input.carried && input.activation && patched(ACTIVATION_INVOICE) ? input.activation : undefined;
  const state: SubscriptionCarriedState = input.carried ? readCarriedState(input.carried) : initialState(input, input.startedAt ?? Date.now(), activation);
  const ctx = new SubscriptionContext(input.subscription, state);
  registerHandlers(ctx);

  if (activation) await refusable(ctx, 'Penerbitan tagihan aktivasi', () => issueActivationInvoice(ctx, activation));
  ctx.publishSearchAttributes();
  // When the workflow expects to run next: the wake it sleeps until, or at once after an iteration's work. Running
  // much later (the worker was down, the clock jumped) makes it re-plan from now instead of bursting (`catch-up`).
  let expectedAt = Math.min(now(), nextWakeAt(ctx));
  for (;;) {
    const wakeAt = nextWakeAt(ctx);
    if (wakeAt > now() && ctx.inbox.length === 0) {
      ctx.dirty = false;
      await condition(() => ctx.dirty || ctx.inbox.length > 0, wakeAt - now());
      expectedAt = Math.min(wakeAt, now());
    }
    catchUpIfLate(ctx, expectedAt);
    expectedAt = now();
    await drainInbox(ctx);
    if (state.cancellation && state.cancellation.at <= now()) return finishCancellation(ctx, state.cancellation);
    expirePromise(ctx);
    const manual = manualIssueDue(ctx);
    if (manual || now() >= nextIssueAt(ctx.ref, state)) {
      if (ctx.cycleStarted && !manual) break;
      await refusable(ctx, 'Penerbitan tagihan', () => startCycle(ctx, manual));
      if (manual && !manual.outcome) manual.outcome = { status: 'failed', period: manual.period, message: ISSUE_REFUSED };
      ctx.cycleStarted = true;
    } else {
      await refusable(ctx, 'Pemberitahuan tagihan', () => sendIssueNoticeIfDue(ctx));
      await runDueStep(ctx);
    }
    noteOverdue(ctx);
    ctx.publishSearchAttributes();
  }

  ctx.ending = true;
  await condition(allHandlersFinished);
  return continueAsNew<typeof subscriptionWorkflow>({ ...input, carried: { ...state, cycle: state.cycle + 1 } });
}
