import type { DunningStage } from '@lunas/contracts';
import { addDaysToIsoDate, type IsoDate } from '@lunas/domain';

/**
 * The states the demo puts its subscriptions in, each reached through the real workflow. Most are activated today
 * (their activation invoice falls due today) and moved on by an operator action or a payment; the overdue ones
 * (`reminded`, `warned`) were billed before the demo existed (see {@link overdueBilling}).
 */
export const DEMO_STATES = ['issued', 'paid', 'promised', 'paused', 'suspended', 'cancelled', 'reminded', 'warned'] as const satisfies readonly DunningStage[];
export type DemoState = (typeof DEMO_STATES)[number];

/** Out of every 12 subscriptions: 4 paid, 2 due today, and one of each other state. */
const PATTERN: readonly DemoState[] = ['paid', 'issued', 'paid', 'promised', 'reminded', 'paid', 'suspended', 'issued', 'warned', 'paused', 'paid', 'cancelled'];

/** The state of the `index`-th demo subscription. */
export function demoStateOf(index: number): DemoState {
  return PATTERN[index % PATTERN.length];
}

/**
 * How many days before today an overdue state's invoice fell due, as a range of the default ladder (T+0 issue,
 * T+3 and T+7 reminders, the late fee at T+7, the warning at T+14, isolir at T+21): `reminded` lies past the
 * fee and before the warning, `warned` past the warning and before isolir.
 */
const DAYS_OVERDUE: Partial<Record<DemoState, readonly [number, number]>> = { reminded: [7, 13], warned: [14, 20] };

/** A subscription whose first regular invoice fell due `dueDate`, billed by its workflow since `startedOn`. */
export interface OverdueBilling {
  billingDay: number;
  dueDate: IsoDate;
  /** Two days before the due date: before the H-1 issue of that invoice. */
  startedOn: IsoDate;
}

/**
 * Where an overdue state's subscription starts: the first day of its range whose day of month is a billing day
 * (1–28; of any 7 days in a row at least 4 are), or null for a state reached from today's activation invoice.
 */
export function overdueBilling(state: DemoState, today: IsoDate): OverdueBilling | null {
  const range = DAYS_OVERDUE[state];
  if (!range) return null;
  for (let days = range[0]; days <= range[1]; days += 1) {
    const dueDate = addDaysToIsoDate(today, -days);
    const billingDay = Number(dueDate.slice(8, 10));
    if (billingDay <= 28) return { billingDay, dueDate, startedOn: addDaysToIsoDate(dueDate, -2) };
  }
  throw new Error(`no billing day in the ${state} range before ${today}`);
}
