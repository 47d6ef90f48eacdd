import type { Rupiah } from '../money';

/** ISO weekday in Asia/Jakarta: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Wall-clock time of day in Asia/Jakarta, `HH:mm` (24 h). */
export type WallTime = string;

/**
 * Hours and days (Asia/Jakarta) in which customer messages may go out.
 * `start` is inclusive and `end` exclusive: with 08:00–20:00 a message at 19:59 is sent, one at 20:00
 * waits for the next opening. Windows never span midnight.
 */
export interface SendWindow {
  days: IsoWeekday[];
  start: WallTime;
  end: WallTime;
}

/** Late fee: a fixed rupiah amount, or basis points of the invoice total (200 = 2 %). */
export type LateFeeRule = { kind: 'fixed'; amount: Rupiah } | { kind: 'percent'; basisPoints: number };

/** Send a customer notification with the given template. */
export interface NotifyAction {
  type: 'notify';
  template: string;
}

/** Add the late fee to the invoice as an item; at most once per invoice, however often the policy changes. */
export interface LateFeeAction {
  type: 'late_fee';
  fee: LateFeeRule;
}

/** Tell the customer the service is about to be suspended (a customer message, like `notify`). */
export interface SuspendWarningAction {
  type: 'suspend_warning';
  template: string;
}

/** Suspend (isolir) the service through network enforcement. */
export interface SuspendAction {
  type: 'suspend';
}

export type DunningAction = NotifyAction | LateFeeAction | SuspendWarningAction | SuspendAction;
export type DunningActionType = DunningAction['type'];

/** One rung of the ladder: runs `dayOffset` calendar days after the due date (negative = before), at `time`. */
export interface DunningStep {
  /** Stable id, unique in the policy; the workflow records completed steps by id. */
  id: string;
  /** Calendar days from the invoice due date in Asia/Jakarta (T+0 = due date, -1 = the day before). */
  dayOffset: number;
  /** Time of day (Asia/Jakarta); defaults to the policy's `stepTime`. */
  time?: WallTime;
  /** Actions run together, in this order. */
  actions: DunningAction[];
}

export interface PromiseToPayRules {
  /** Latest promised date, in calendar days after today (Asia/Jakarta); 0 disables promises. */
  maxDaysAhead: number;
  /** Promises per invoice without an admin override. */
  maxPerInvoice: number;
}

/** A tenant's dunning policy: versioned data, validated by `validateDunningPolicy`, interpreted by the planner. */
export interface DunningPolicy {
  id: string;
  version: number;
  name: string;
  /** Default time of day for steps without their own `time`. */
  stepTime: WallTime;
  sendWindow: SendWindow;
  /** When true, `suspend` also waits for the send window (working hours); otherwise it runs on time. */
  suspendOnlyInWorkingHours: boolean;
  promiseToPay: PromiseToPayRules;
  /** Whether new invoices are issued while the subscription is suspended (004_: isolir stops billing). */
  issueWhileSuspended: boolean;
  /** Ordered by (dayOffset, time), strictly increasing. */
  steps: DunningStep[];
}

/** Id of {@link DEFAULT_DUNNING_POLICY}. */
export const DEFAULT_DUNNING_POLICY_ID = 'default';

/**
 * The default ladder from 000_ section 6: T+0 invoice issued, T+3 reminder 1, T+7 reminder 2 + late fee,
 * T+14 suspend warning, T+21 suspend (T = due date).
 * - Steps run at 09:00 WIB: one hour into the send window, after the morning rush.
 * - Send window 08:00–20:00, Monday–Saturday (000_ "jam kirim, hari kerja"; issue 5).
 * - Late fee Rp 10.000 fixed: 000_ marks it optional without an amount; a flat fee is the common
 *   practice of small Indonesian ISPs. Tenants set their own.
 * - Promise to pay: at most 7 days ahead, once per invoice (issue 5; an admin may override the count).
 * - Suspension runs on its day even outside working hours (`suspendOnlyInWorkingHours: false`): the step is at
 *   09:00, so only a Sunday T+21 is affected, and a predictable T+21 is what operators quote to customers.
 * - No invoices while suspended (004_: "Isolir pelanggan (stop tagihan otomatis)").
 */
export const DEFAULT_DUNNING_POLICY: DunningPolicy = {
  id: DEFAULT_DUNNING_POLICY_ID,
  version: 1,
  name: 'Standar (T+0, T+3, T+7, T+14, T+21)',
  stepTime: '09:00',
  sendWindow: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
  suspendOnlyInWorkingHours: false,
  promiseToPay: { maxDaysAhead: 7, maxPerInvoice: 1 },
  issueWhileSuspended: false,
  steps: [
    { id: 'invoice-issued', dayOffset: 0, actions: [{ type: 'notify', template: 'invoice_issued' }] },
    { id: 'reminder-1', dayOffset: 3, actions: [{ type: 'notify', template: 'payment_reminder_1' }] },
    {
      id: 'reminder-2',
      dayOffset: 7,
      actions: [
        { type: 'notify', template: 'payment_reminder_2' },
        { type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } },
      ],
    },
    { id: 'suspend-warning', dayOffset: 14, actions: [{ type: 'suspend_warning', template: 'suspend_warning' }] },
    { id: 'suspend', dayOffset: 21, actions: [{ type: 'suspend' }] },
  ],
};
