/** Workflows driven by the dev server benchmark. */
import { condition, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type * as activities from './activities';

const { echo } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

export const pingSignal = defineSignal('ping');
export const stopSignal = defineSignal('stop');
export const bumpUpdate = defineUpdate<number, [number]>('bump');

/** One activity, then done. */
export async function oneActivity(input: string): Promise<string> {
  return await echo(input);
}

/** Counts signals until `stop`. */
export async function signalSink(): Promise<number> {
  let count = 0;
  let stopped = false;
  setHandler(pingSignal, () => void count++);
  setHandler(stopSignal, () => void (stopped = true));
  await condition(() => stopped);
  return count;
}

/** Waits on a long timer (an "open workflow"). */
export async function waitOnTimer(ms: number): Promise<void> {
  await sleep(ms);
}

/** Adds each `bump` update's argument (validated: positive) to a total it answers with; ends on `stop`. */
export async function updateSink(): Promise<number> {
  let total = 0;
  let stopped = false;
  setHandler(bumpUpdate, (n) => (total += n), {
    validator: (n) => {
      if (n <= 0) throw new Error('bump must be positive');
    },
  });
  setHandler(stopSignal, () => void (stopped = true));
  await condition(() => stopped);
  return total;
}
