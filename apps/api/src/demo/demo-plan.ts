import type { DunningStage } from '@lunas/contracts';

/**
 * The states the demo puts its subscriptions in, each reached through the real workflow: every subscription is
 * activated today (its activation invoice falls due today), then an operator action or a payment moves it on.
 */
export const DEMO_STATES = ['issued', 'paid', 'promised', 'paused', 'suspended', 'cancelled'] as const satisfies readonly DunningStage[];
export type DemoState = (typeof DEMO_STATES)[number];

/** Out of every 10 subscriptions: 4 paid, 2 due today, and one of each other state. */
const PATTERN: readonly DemoState[] = ['paid', 'issued', 'paid', 'promised', 'paid', 'suspended', 'issued', 'paused', 'paid', 'cancelled'];

/** The state of the `index`-th demo subscription. */
export function demoStateOf(index: number): DemoState {
  return PATTERN[index % PATTERN.length];
}

