/** How many requests one key may make per window. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** Outcome of one request: allowed, or refused until the window ends. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Keys kept before expired windows are swept (bounds memory under a spray of source addresses). */
const SWEEP_AT_KEYS = 10_000;

/**
 * In-process fixed-window counter per key (a source IP): at most `limit` requests per `windowMs`, counted from
 * the key's first request in the window. Each API instance counts on its own.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly rate: RateLimit) {}

  take(key: string, now: number): RateVerdict {
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (!window && this.windows.size >= SWEEP_AT_KEYS) this.sweep(now);
      window = { count: 0, endsAt: now + this.rate.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.rate.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
