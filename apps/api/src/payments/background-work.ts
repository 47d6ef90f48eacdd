import type { Logger } from '@nestjs/common';

/**
 * Background work of a relay-like service: a poll that repeats every `intervalMs` (at once when it
 * reports that more is due) until stopped, plus fire-and-forget tasks whose failures are logged. `stop`
 * waits for whatever is still running, so shutdown never cuts a transaction short.
 */
export class BackgroundWork {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly log: Logger, private readonly what: string) {}

  /** Starts polling: `poll` resolves true when a full batch was taken (poll again without waiting). */
  startPolling(poll: () => Promise<boolean>, intervalMs: number): void {
    const schedule = (delayMs: number): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.track(
          poll().then(
            (more) => schedule(more ? 0 : intervalMs),
            (error: unknown) => {
              this.log.warn(`${this.what} poll failed: ${messageOf(error)}`);
              schedule(intervalMs);
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
