import type { Engine } from '../engine/engine';
import { SkippingClock } from './skipping-clock';

/**
 * Moves the skipping clock forward to the next deadline whenever skipping is unlocked and nothing is
 * runnable (no workflow or activity task waiting for or held by a worker), like Temporal's test server.
 * Checks run asynchronously after any state change, so a burst of changes is evaluated once.
 */
export class TimeSkipper {
  private scheduled = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly clock: SkippingClock,
    private readonly engine: Engine,
  ) {
    this.unsubscribe = engine.onChange(() => this.schedule());
  }

  /** Requests a skip check soon. */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.skip();
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  private skip(): void {
    if (this.stopped || !this.clock.unlocked || this.engine.hasRunnableWork()) return;
    const next = this.engine.timers.nextAt();
    if (next === undefined) return;
    this.clock.advanceTo(next);
    this.engine.timers.fireDue();
    this.schedule();
  }
}
