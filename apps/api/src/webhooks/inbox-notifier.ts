import type { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { messageOf } from '../payments/background-work';
import { INBOX_CHANNEL } from './inbox-wakeups';

/**
 * Least time between two notifications of one process: shorter than the booking loop's coalescing window (25 ms, which
 * a wake starts), so a notification held back by it still reaches a loop that is waiting to claim.
 */
export const NOTIFY_PAUSE_MS = 20;

/**
 * Tells the booking loops ({@link INBOX_CHANNEL}) that the intake stored new inbox rows, after their commit and off the
 * answer's path. Not in the storing transaction: PostgreSQL serialises the commits of notifying transactions (a
 * database-wide lock held from before the commit record to the end of its WAL flush), so a `pg_notify` there made
 * every intake commit wait for the previous one's flush, where plain inserts share one flush (issue 24: the intake
 * insert's most sampled wait under load was that lock). A transaction that only notifies writes no WAL, so it holds
 * that lock without waiting for a flush; a lost notification costs at most a poll interval. The first call notifies at
 * once; the calls that come while one is sent, or within {@link NOTIFY_PAUSE_MS} after it, are answered by one more
 * after that pause: under load one notification per pause instead of one query more per webhook.
 */
export class InboxNotifier {
  private sending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly dataSource: DataSource, private readonly log: Logger) {}

  /** New rows are committed: wake the booking loops (not awaited; a failure is logged, the poll books them). */
  notify(): void {
    this.again = true;
    this.sending ??= this.send().finally(() => (this.sending = undefined));
  }

  /** Waits for the notification in flight, if any (shutdown). */
  async settled(): Promise<void> {
    await this.sending;
  }

  private async send(): Promise<void> {
    while (this.again) {
      this.again = false;
      try {
        await this.dataSource.query(`SELECT pg_notify('${INBOX_CHANNEL}', '')`);
      } catch (error) {
        this.log.warn(`inbox wake-up not sent, booking waits for its next poll: ${messageOf(error)}`);
      }
      await sleep(NOTIFY_PAUSE_MS);
    }
  }
}
