import { Clock } from './clock';

/**
 * A clock that runs at real pace but can be moved forward (time skipping, as in Temporal's test server).
 *
 * Skipping is governed by a lock counter: it starts at 1 (locked), `@temporalio/testing` unlocks it while a
 * client awaits a workflow result or during `env.sleep()`. The server only skips while the counter is 0
 * and nothing is runnable (see `TimeSkipper`).
 */
export class SkippingClock implements Clock {
  private offsetMs = 0;
  private lockCount = 1;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves virtual time forward to `target` (never backwards). */
  advanceTo(target: number): void {
    const now = this.now();
    if (target > now) this.offsetMs += target - now;
  }

  lock(): void {
    this.lockCount += 1;
  }

  /** Returns false (and changes nothing) when the counter is already 0: an unbalanced unlock. */
  unlock(): boolean {
    if (this.lockCount === 0) return false;
    this.lockCount -= 1;
    return true;
  }

  get unlocked(): boolean {
    return this.lockCount === 0;
  }
}
