/** Workflows driven by the dev server benchmark. */
import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type * as activities from './activities';

const { echo } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

export const pingSignal = defineSignal('ping');
export const stopSignal = defineSignal('stop');

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
