import { Heap } from 'heap-js';
import { Clock } from '../clock/clock';

interface TimerEntry {
  at: number;
  seq: number;
  fire: () => void;
}

/** setTimeout accepts at most 2^31-1 ms; longer waits re-arm on wake-up. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * All server deadlines (workflow timers, task timeouts, retry backoffs) in one min-heap, driven by a single
 * `setTimeout` for the earliest entry. Entries cannot be cancelled: callbacks re-check the state they
 * guard, so a stale entry is a harmless no-op. Works with a skipping clock: `fireDue()` runs everything
 * due at the clock's current (possibly advanced) time.
 */
export class TimerQueue {
  private readonly heap = new Heap<TimerEntry>((a, b) => a.at - b.at || a.seq - b.seq);
  private seq = 0;
  private handle: NodeJS.Timeout | undefined;
  private armedAt = Infinity;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(at: number, fire: () => void): void {
    if (this.closed) return;
    this.heap.push({ at, seq: this.seq++, fire });
    if (at < this.armedAt) this.arm();
  }

  /** Time of the earliest pending entry, if any. */
  nextAt(): number | undefined {
    return this.heap.peek()?.at;
  }

  get size(): number {
    return this.heap.size();
  }

  /** Fires every entry due at the clock's current time, then re-arms. */
  fireDue(): void {
    const now = this.clock.now();
    for (let top = this.heap.peek(); top && top.at <= now; top = this.heap.peek()) {
      this.heap.pop();
      try {
        top.fire();
      } catch (error) {
        this.onError(error);
      }
    }
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.heap.clear();
  }

  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    const top = this.heap.peek();
    this.armedAt = top ? top.at : Infinity;
    if (!top || this.closed) return;
    const delay = Math.min(Math.max(0, top.at - this.clock.now()), MAX_TIMEOUT_MS);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.armedAt = Infinity;
      this.fireDue();
    }, delay);
  }
}
