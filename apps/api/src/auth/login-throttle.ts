import { Inject, Injectable } from '@nestjs/common';
import { FixedWindowLimiter, type RateLimit } from '../common/rate-limit/fixed-window-limiter';
import { RetryLaterException, secondsUntil } from '../common/rate-limit/retry-later.exception';
import { afterFailedLogin, isLocked, PAIR_LOCKOUT, type LoginAttemptState } from './login-lockout';

export const LOGIN_RATE_LIMIT = Symbol('LOGIN_RATE_LIMIT');

/**
 * Login attempts per source address: 30 a minute. An office behind one NAT address logs its staff in with room
 * to spare; a script spraying passwords (each attempt costs an argon2 hash, ~15 ms of CPU) is stopped.
 */
export const DEFAULT_LOGIN_RATE_LIMIT: RateLimit = { limit: 30, windowMs: 60_000 };

/** Pairs kept before stale ones are swept. */
const SWEEP_AT_PAIRS = 10_000;

/**
 * The in-process guards in front of the password check: the per-address rate limit and the lockout of a
 * username + address pair ({@link PAIR_LOCKOUT}). Unknown usernames are counted like known ones, so the answers
 * reveal nothing about which names exist. The account lockout itself lives on the user row.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAddress: FixedWindowLimiter;
  private readonly pairs = new Map<string, LoginAttemptState>();

  constructor(@Inject(LOGIN_RATE_LIMIT) rate: RateLimit) {
    this.perAddress = new FixedWindowLimiter(rate);
  }

  /** Refuses with 429 when the address is over its rate or the pair is locked. */
  admit(username: string, ip: string | null, now: Date): void {
    const rate = this.perAddress.take(ip ?? '', now.getTime());
    if (!rate.allowed) {
      throw new RetryLaterException(`Terlalu banyak percobaan masuk dari alamat Anda. Coba lagi dalam ${rate.retryAfterSeconds} detik.`, rate.retryAfterSeconds);
    }
    const pair = this.pairs.get(pairKey(username, ip));
    if (pair && isLocked(pair, now)) throw pairLocked(pair, now);
  }

  /** Counts a failure of the pair; the failure that locks it is answered with 429 instead of 401. */
  failed(username: string, ip: string | null, now: Date): void {
    const key = pairKey(username, ip);
    if (!this.pairs.has(key) && this.pairs.size >= SWEEP_AT_PAIRS) this.sweep(now);
    const next = afterFailedLogin(PAIR_LOCKOUT, this.pairs.get(key) ?? { failedAttempts: 0, lockedUntil: null, lastFailedAt: null }, now);
    this.pairs.set(key, next);
    if (isLocked(next, now)) throw pairLocked(next, now);
  }

  succeeded(username: string, ip: string | null): void {
    this.pairs.delete(pairKey(username, ip));
  }

  private sweep(now: Date): void {
    for (const [key, state] of this.pairs) {
      const stale = !state.lastFailedAt || now.getTime() - state.lastFailedAt.getTime() >= PAIR_LOCKOUT.windowMs;
      if (stale && !isLocked(state, now)) this.pairs.delete(key);
    }
  }
}

function pairKey(username: string, ip: string | null): string {
  return `${username}\u0000${ip ?? ''}`;
}

function pairLocked(state: LoginAttemptState, now: Date): RetryLaterException {
  const lockedUntil = state.lockedUntil as Date;
  return new RetryLaterException(
    `Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat Anda. Coba lagi setelah ${formatWib(lockedUntil)} WIB.`,
    secondsUntil(lockedUntil, now),
  );
}

/** HH.MM in Asia/Jakarta. */
export function formatWib(instant: Date): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' }).format(instant);
}
