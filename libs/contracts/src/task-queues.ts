/** Task queue every billing workflow and activity runs on. */
export const BILLING_TASK_QUEUE = 'billing';
