import type { Logger } from '@nestjs/common';

/**
 * Longest pause between polls after failures (30 s): a poll that keeps failing (PostgreSQL or Temporal
 * down) backs off from its interval, doubling per failure, to this cap, so an outage costs a log line per
 * 30 s instead of one per second, and work resumes within 30 s of the outage ending.
 */
export const MAX_FAILURE_BACKOFF_MS = 30_000;

/** Pause before the next poll after `failures` failed polls in a row. */
export function failureBackoffMs(intervalMs: number, failures: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, MAX_FAILURE_BACKOFF_MS));
}

/**
 * Background work of a relay-like service: a poll that repeats every `intervalMs` (at once when it
 * reports that more is due) until stopped, plus fire-and-forget tasks whose failures are logged. A failed
 * poll never escapes (no unhandled rejection can stop the process): it is logged and the next poll backs
 * off ({@link failureBackoffMs}) until one succeeds. `stop` waits for whatever is still running, so
 * shutdown never cuts a transaction short.
 */
export class BackgroundWork {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger, private readonly what: string) {}

  /** Starts polling: `poll` resolves true when a full batch was taken (poll again without waiting). */
  startPolling(poll: () => Promise<boolean>, intervalMs: number): void {
    const schedule = (delayMs: number): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.track(
          poll().then(
            (more) => {
              if (this.failures > 0) this.log.log(`${this.what} recovered after ${this.failures} failed polls`);
              this.failures = 0;
              schedule(more ? 0 : intervalMs);
            },
            (error: unknown) => {
              this.failures += 1;
              const delay = failureBackoffMs(intervalMs, this.failures);
              this.log.warn(`${this.what} poll failed (${this.failures} in a row), next in ${delay} ms: ${messageOf(error)}`);
              schedule(delay);
            },
          ),
        );
      }, delayMs);
      this.timer.unref();
    };
    schedule(intervalMs);
  }

  /** Runs `work` in the background; a failure is logged, never thrown. */
  track(work: Promise<unknown>): void {
    const guarded = work.catch((error: unknown) => this.log.warn(`${this.what} failed: ${messageOf(error)}`));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
