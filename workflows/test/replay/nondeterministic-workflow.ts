// A deliberately changed copy of the subscription workflow for the replay gate: it reads the state query's
// timeline first and sleeps an hour before anything else, which adds a timer command the committed histories
// do not have. Replaying them against it must fail with DeterminismViolationError.
import { sleep } from '@temporalio/workflow';
import type { SubscriptionWorkflowInput, SubscriptionWorkflowResult } from '@lunas/contracts';
import { subscriptionWorkflow as original } from '../../src/subscription-workflow';

export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionWorkflowResult> {
  await sleep('1 hour');
  return original(input);
}
