import type { Logger } from '@nestjs/common';
import { BackgroundWork, failureBackoffMs, MAX_FAILURE_BACKOFF_MS } from './background-work';

describe(BackgroundWork.name, () => {
  describe('startPolling', () => {
    it('survives failing polls, backing off between them, and logs the recovery', async () => {
      const lines: string[] = [];
      const log = { warn: (line: string) => lines.push(`warn ${line}`), log: (line: string) => lines.push(`log ${line}`) } as unknown as Logger;
      const work = new BackgroundWork(log, 'test relay');
      const polls: number[] = [];
      await new Promise<void>((resolve) => {
        work.startPolling(async () => {
          polls.push(Date.now());
          if (polls.length <= 3) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          if (polls.length === 4) resolve();
          return false;
        }, 20);
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await work.stop();
      const gaps = polls.slice(1).map((at, i) => at - polls[i]);
      expect(gaps[0]).toBeGreaterThanOrEqual(40 - 2);
      expect(gaps[1]).toBeGreaterThanOrEqual(80 - 2);
      expect(gaps[2]).toBeGreaterThanOrEqual(160 - 2);
      expect(lines).toEqual([
        'warn test relay poll failed (1 in a row), next in 40 ms: connect ECONNREFUSED 127.0.0.1:5432',
        'warn test relay poll failed (2 in a row), next in 80 ms: connect ECONNREFUSED 127.0.0.1:5432',
        'warn test relay poll failed (3 in a row), next in 160 ms: connect ECONNREFUSED 127.0.0.1:5432',
        'log test relay recovered after 3 failed polls',
      ]);
    });
  });

  describe(failureBackoffMs.name, () => {
    it('doubles from the interval up to the cap, and never waits less than the interval', () => {
      expect([1, 2, 5, 6].map((failures) => failureBackoffMs(1_000, failures))).toEqual([2_000, 4_000, MAX_FAILURE_BACKOFF_MS, MAX_FAILURE_BACKOFF_MS]);
      expect(failureBackoffMs(60_000, 1)).toBe(60_000);
    });
  });
});
