import { Clock } from './clock';

/**
 * A clock that runs at real pace but can be moved forward (time skipping, as in Temporal's test server).
 *
 * Skipping is governed by a lock counter: it starts at 1 (locked), `@temporalio/testing` unlocks it while a
 * client awaits a workflow result or during `env.sleep()`. The server only skips while the counter is 0
 * and nothing is runnable (see `TimeSkipper`). Each running activity holds a lock too (as in the real test
 * server), so an activity may itself call `UnlockTimeSkippingWithSleep` while the client's locks are released.
 */
export class SkippingClock implements Clock {
  private offsetMs = 0;
  private lockCount = 1;
  private heldByActivities: () => number = () => 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves virtual time forward to `target` (never backwards). */
  advanceTo(target: number): void {
    const now = this.now();
    if (target > now) this.offsetMs += target - now;
  }

  /** Counts the locks running activities hold. */
  countActivityLocks(running: () => number): void {
    this.heldByActivities = running;
  }

  private get locks(): number {
    return this.lockCount + this.heldByActivities();
  }

  lock(): void {
    this.lockCount += 1;
  }

  /** Returns false (and changes nothing) when no lock is held (explicit or by an activity): an unbalanced unlock. */
  unlock(): boolean {
    if (this.locks <= 0) return false;
    this.lockCount -= 1;
    return true;
  }

  get unlocked(): boolean {
    return this.locks <= 0;
  }
}
