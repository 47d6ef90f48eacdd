import type { DevServer } from '@lunas/devserver';

/** How long the server may hold runnable work before the calendar moves on anyway (a dead worker holds it forever). */
const STALL_MS = 1_500;
const POLL_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives the virtual clock of an in-process time-skipping dev server by hand. Like the server's own time skipper it
 * jumps to the next deadline once nothing is runnable, but it also jumps while work is stuck for {@link STALL_MS}:
 * a task held by a killed worker (a running activity included) only comes back when its timeout fires, and that timeout is on this clock. While
 * the worker restarts it waits, so that the calendar does not run ahead of a worker that is coming back.
 */
export class VirtualCalendar {
  private readonly clock: { now(): number; advanceTo(at: number): void };

  /** `workerUp`: false while the worker is being restarted; the calendar then waits instead of moving on. */
  constructor(
    private readonly server: DevServer,
    private readonly workerUp: () => boolean = () => true,
  ) {
    this.clock = server.engine.clock as unknown as VirtualCalendar['clock'];
    if (typeof this.clock.advanceTo !== 'function') throw new Error('VirtualCalendar needs startDevServer({ timeSkipping: true })');
  }

  now(): number {
    return this.clock.now();
  }

  /** Jumps straight to `at` (nothing may be running yet). */
  set(at: number): void {
    this.jump(at);
  }

  /** Lets every deadline up to `until` fire in order, waiting for the worker between them. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await this.settle();
      const next = this.server.engine.timers.nextAt();
      if (next === undefined || next > until) break;
      this.jump(next);
    }
    this.jump(until);
    await this.settle();
  }

  /** Moves on deadline by deadline (1 s when none) until `done()` holds. */
  async runUntilDone(done: () => Promise<boolean>, limitMs: number): Promise<void> {
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > limitMs) throw new Error(`not done after ${limitMs} ms of real time`);
      await this.settle();
      const next = this.server.engine.timers.nextAt();
      this.jump(next !== undefined && next - this.now() < 3_600_000 ? next : this.now() + 1_000);
    }
  }

  private jump(at: number): void {
    this.clock.advanceTo(at);
    this.server.engine.timers.fireDue();
  }

  private async settle(): Promise<void> {
    await sleep(POLL_MS);
    let started = Date.now();
    const busy = () => this.server.engine.hasRunnableWork() || this.server.engine.runningActivities() > 0;
    while (busy() && Date.now() - started < STALL_MS) {
      await sleep(POLL_MS);
      if (!this.workerUp()) started = Date.now();
    }
  }
}
