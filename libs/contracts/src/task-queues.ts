/** Task queue every billing workflow and activity runs on. */
export const BILLING_TASK_QUEUE = 'billing';

/** Task queue of the per-sender WhatsApp/email pacing workflows and their send activities. */
export const MESSAGING_TASK_QUEUE = 'messaging';
