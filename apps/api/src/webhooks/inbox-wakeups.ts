import type { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Notification, PoolClient } from 'pg';
import { messageOf } from '../payments/background-work';

/**
 * The channel the intake notifies once it stored new inbox rows (`InboxNotifier`), so that a booking loop in any
 * process — the API's own or a separate booking process — starts at once instead of at its next poll.
 */
export const INBOX_CHANNEL = 'lunas_payment_events';

/**
 * `LISTEN`s on {@link INBOX_CHANNEL} over a connection of its own and calls `onWake` per notification. Should the
 * connection drop (PostgreSQL restarted), {@link listen} opens it again; the caller's poll calls it every time, so a
 * lost listener costs at most one poll interval of latency, never a booking.
 */
export class InboxWakeups {
  private runner: QueryRunner | undefined;
  private opening: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource, private readonly onWake: () => void, private readonly log: Logger) {}

  /** Listens unless already listening; a failure is logged (the poll goes on without the wake-ups). */
  listen(): Promise<void> {
    if (this.runner) return Promise.resolve();
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  async close(): Promise<void> {
    await this.opening;
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    await runner.query('UNLISTEN *').catch(() => undefined);
    await runner.release();
  }

  private async open(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const lost = (error?: Error) => {
        if (this.runner !== runner) return;
        this.runner = undefined;
        this.log.warn(`inbox wake-ups lost, listening again at the next poll: ${error ? error.message : 'connection ended'}`);
        void runner.release().catch(() => undefined);
      };
      client.on('notification', (notification: Notification) => {
        if (notification.channel === INBOX_CHANNEL) this.onWake();
      });
      client.on('error', lost);
      client.on('end', () => lost());
      await runner.query(`LISTEN ${INBOX_CHANNEL}`);
      this.runner = runner;
    } catch (error) {
      this.log.warn(`inbox wake-ups unavailable, polling only: ${messageOf(error)}`);
      await runner.release().catch(() => undefined);
    }
  }
}
