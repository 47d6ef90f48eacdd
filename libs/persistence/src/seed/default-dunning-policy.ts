/**
 * The default dunning ladder of 000 §6, stored as version 1 for every tenant: T+0 invoice issued,
 * T+3 reminder 1, T+7 reminder 2 with the late fee, T+14 suspend warning, T+21 suspend; unsuspend on
 * full payment. Day offsets count from the invoice due date. The policy schema is owned by
 * `libs/domain` (dunning); this JSON is the seed's starting point for it.
 */
export const DEFAULT_DUNNING_POLICY = {
  name: 'Standar',
  steps: [
    { day: 0, action: 'notify', template: 'invoice_issued' },
    { day: 3, action: 'notify', template: 'reminder_1' },
    { day: 7, action: 'notify', template: 'reminder_2', lateFee: true },
    { day: 14, action: 'notify', template: 'suspend_warning' },
    { day: 21, action: 'suspend', template: 'suspended' },
  ],
  unsuspendOnFullPayment: true,
} as const;
