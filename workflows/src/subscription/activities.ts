import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { type BillingActivities, MESSAGING_TASK_QUEUE, NETWORK_TASK_QUEUE } from '@lunas/contracts';

/**
 * Database writes: 30 s per attempt, retried from 1 s doubling to 1 min, without end (a fault in PostgreSQL is
 * waited out; a business refusal is a non-retryable ApplicationFailure and fails at once).
 */
export const records = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Issuing the invoice is two short statements, so it runs as a local activity in the worker that holds the workflow
 * task: one workflow task per issued invoice instead of two plus an activity task (bench/billing). Same timeouts and
 * retries as {@link records}; a retry backing off past a minute waits on a workflow timer. Idempotent like every
 * record: a worker that dies mid-way leaves the workflow task to time out and the next worker issues it once.
 */
export const localRecords = proxyLocalActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Histories from before issueInvoice ran locally scheduled it as a regular activity; they replay that way. */
export const ISSUE_INVOICE_LOCALLY = 'issue-invoice-locally';

/** Runs before which a newer active policy reported by issueInvoice was not adopted at the cycle start. */
export const ADOPT_ACTIVE_POLICY = 'adopt-active-policy';

/** Runs started before a new subscription's first run issued its activation invoice (and began with the H-1 cycle). */
export const ACTIVATION_INVOICE = 'activation-invoice';

/** Runs before which a package change `now` prorated the period in service whether or not it was invoiced. */
export const PRORATE_INVOICED_PERIODS = 'prorate-invoiced-periods';

/**
 * Runs before which applying a payment was a regular activity. It is a short read (the API booked and allocated the
 * payment) and stands between the customer's payment and the restore: as a local activity it saves an activity
 * task's round trip through the server (bench/network).
 */
export const APPLY_PAYMENT_LOCALLY = 'apply-payment-locally';

/** Runs before which a settling payment's receipt was sent before the service was restored, not beside it. */
export const RESTORE_WITH_RECEIPT = 'restore-with-receipt';

/** Runs started before the split scheduled notify and enforceNetwork on the workflow's own (billing) queue. */
export const SPLIT_TASK_QUEUES = 'split-task-queues';

/**
 * Outside effects (WhatsApp, RADIUS): 2 min per attempt (a slow gateway), retried from 5 s doubling to 10 min.
 * Idempotency keys make every retry a no-op once the effect happened.
 */
const EFFECT_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;

/** Outside effects on the workflow's own queue: how runs before {@link SPLIT_TASK_QUEUES} scheduled them. */
const effectsOnWorkflowQueue = proxyActivities<BillingActivities>(EFFECT_OPTIONS);

/** Customer messages on the messaging queue: a slow WhatsApp sender never holds billing or the network. */
const messagingEffects = proxyActivities<BillingActivities>({ ...EFFECT_OPTIONS, taskQueue: MESSAGING_TASK_QUEUE });

/** Network enforcement on the network queue: a slow NAS never holds billing or the messages. */
const networkEffects = proxyActivities<BillingActivities>({ ...EFFECT_OPTIONS, taskQueue: NETWORK_TASK_QUEUE });

/** The proxy for customer messages: the messaging queue, or the workflow's own queue in runs before the split. */
export function messaging(): BillingActivities {
  return patched(SPLIT_TASK_QUEUES) ? messagingEffects : effectsOnWorkflowQueue;
}

/** The proxy for network enforcement: the network queue, or the workflow's own queue in runs before the split. */
export function network(): BillingActivities {
  return patched(SPLIT_TASK_QUEUES) ? networkEffects : effectsOnWorkflowQueue;
}
