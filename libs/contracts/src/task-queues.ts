import type { BillingActivities } from './subscription';

/** Task queue of the subscription workflows and their record activities (invoices, payments, ledger). */
export const BILLING_TASK_QUEUE = 'billing';

/**
 * Task queue of the customer-message activities and the per-sender WhatsApp/email pacing workflows, so that a slow
 * sender never holds billing.
 */
export const MESSAGING_TASK_QUEUE = 'messaging';

/** Task queue of the network-enforcement activities (RADIUS/MikroTik), so that a slow NAS never holds billing. */
export const NETWORK_TASK_QUEUE = 'network';

/** Every task queue a Lunas worker process may poll (`LUNAS_WORKER_QUEUES`). */
export const TASK_QUEUES = [BILLING_TASK_QUEUE, MESSAGING_TASK_QUEUE, NETWORK_TASK_QUEUE] as const;

export type TaskQueue = (typeof TASK_QUEUES)[number];

/**
 * Activities scheduled on a queue of their own; every other activity runs on the billing queue. The billing worker
 * registers all activities anyway: runs recorded before the split schedule these on the billing queue too.
 */
export const QUEUE_ACTIVITIES: Readonly<Record<Exclude<TaskQueue, 'billing'>, readonly (keyof BillingActivities)[]>> = {
  messaging: ['notify'],
  network: ['enforceNetwork'],
};
