import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import type { SubscriptionCarriedState, SubscriptionWorkflowInput, SubscriptionWorkflowResult } from '@lunas/contracts';
import { catchUpIfLate } from './subscription/catch-up';
import { now, SubscriptionContext } from './subscription/context';
import { expirePromise, finishCancellation, nextWakeAt, noteOverdue, runDueStep, sendIssueNoticeIfDue, startCycle } from './subscription/cycle';
import { registerHandlers } from './subscription/handlers';
import { drainInbox } from './subscription/inbox';
import { refusable } from './subscription/refusals';
import { initialState, nextIssueAt } from './subscription/subscription-state';

/**
 * One subscription's billing, for its whole life: each cycle waits for the issue time of the next period
 * (H-1 06:00 WIB), issues its invoice once, then walks the tenant's dunning policy through the pure planner
 * until the invoice is settled, while payments, promises and operator actions arrive as messages. At the next
 * issue time it continues as new, carrying its state.
 *
 * The parts live in `./subscription/`: message handlers and queries (`handlers`), the commands they queue
 * (`inbox`), the cycle and the dunning ladder (`cycle`), payments and invoice changes (`ledger`), operator requests
 * answered at once (`requests`), customer and network effects (`effects`), business refusals of activities, recorded
 * instead of failing the run (`refusals`), re-planning after the workflow missed its moments (`catch-up`).
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionWorkflowResult> {
  const state: SubscriptionCarriedState = input.carried ?? initialState(input, input.startedAt ?? Date.now());
  const ctx = new SubscriptionContext(input.subscription, state);
  registerHandlers(ctx);

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
    if (now() >= nextIssueAt(ctx.ref, state)) {
      if (ctx.cycleStarted) break;
      await refusable(ctx, 'Penerbitan tagihan', () => startCycle(ctx));
      ctx.cycleStarted = true;
    } else {
      await refusable(ctx, 'Pemberitahuan tagihan', () => sendIssueNoticeIfDue(ctx));
      await runDueStep(ctx);
    }
    noteOverdue(ctx);
    ctx.publishSearchAttributes();
  }

  await condition(allHandlersFinished);
  return continueAsNew<typeof subscriptionWorkflow>({ ...input, carried: { ...state, cycle: state.cycle + 1 } });
}
