import { condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { LunasSearchAttributes, MESSAGING_TASK_QUEUE, paymentReceivedSignal } from '@lunas/contracts';

/** The floor's activities: each returns at once (`floor-worker.ts`), only noting when it ran. */
export interface FloorActivities {
  issueInvoice(cycle: number): Promise<{ invoiceId: string }>;
  notify(template: 'invoice_issued' | 'payment_received'): Promise<void>;
  applyPayment(paymentId: string): Promise<void>;
}

export interface FloorCycleInput {
  subscriptionId: string;
  cycle: number;
  /** Epoch ms of this cycle's issue time and of the next one (as the subscription workflow computes them). */
  issueAt: number;
  nextIssueAt: number;
  /** From the issue time to the send window's opening (the issue notice). */
  noticeDelayMs: number;
  /** From the notice to the next dunning step (a timer the payment cancels). */
  stepDelayMs: number;
}

const { issueInvoice, applyPayment } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });
const { notify } = proxyActivities<FloorActivities>({ taskQueue: MESSAGING_TASK_QUEUE, startToCloseTimeout: '1 minute' });

/**
 * The billing benchmark's floor: one billing cycle of `subscriptionWorkflow` at the SDK level and nothing else — the
 * same commands in the same workflow tasks (search attribute upserts, the four patch markers, the issue and the payment
 * as local activities, the timers, the notice and receipt activities on the messaging queue, the payment signal
 * cancelling the step timer, the continue-as-new), with activities that return at once. `run.ts` checks that one cycle of it records the same
 * event types as a cycle of the real workflow.
 */
export async function billingFloorWorkflow(input: FloorCycleInput): Promise<void> {
  let paid = false;
  setHandler(paymentReceivedSignal, () => void (paid = true));
  const publish = (stage: string) =>
    upsertSearchAttributes([
      { key: LunasSearchAttributes.tenantId, value: 'floor' },
      { key: LunasSearchAttributes.customerId, value: input.subscriptionId },
      { key: LunasSearchAttributes.subscriptionId, value: input.subscriptionId },
      { key: LunasSearchAttributes.dunningStage, value: stage },
      { key: LunasSearchAttributes.suspended, value: false },
      { key: LunasSearchAttributes.overdueSince, value: null },
      { key: LunasSearchAttributes.invoiceNumber, value: `INV-${input.cycle}` },
    ]);

  publish('waiting');
  if (input.issueAt > Date.now()) await sleep(input.issueAt - Date.now());
  patched('floor-issue-locally');
  await issueInvoice(input.cycle);
  publish('issued');
  await sleep(input.issueAt + input.noticeDelayMs - Date.now());

  patched('floor-split-task-queues');
  await notify('invoice_issued');
  await condition(() => paid, input.stepDelayMs);

  patched('floor-apply-payment-locally');
  await applyPayment(`floor-${input.subscriptionId}-${input.cycle}`);
  patched('floor-restore-with-receipt');
  await notify('payment_received');
  publish('paid');
  await sleep(input.nextIssueAt - Date.now());

  await continueAsNew<typeof billingFloorWorkflow>({
    ...input,
    cycle: input.cycle + 1,
    issueAt: input.nextIssueAt,
    nextIssueAt: input.nextIssueAt + (input.nextIssueAt - input.issueAt),
  });
}
