/** When failed logins lock: after `maxFailures` failures less than `windowMs` apart, for `lockMs`. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
  /** A failure longer than this after the previous one starts a new count. */
  readonly windowMs: number;
}

/**
 * One username tried from one IP address (004 "Keamanan": 5 failures lock for 15 minutes). Locking the pair
 * first stops a guesser without locking the account's owner out from their own address.
 */
export const PAIR_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000, windowMs: 15 * 60 * 1000 };

/**
 * The account, across all addresses: 20 failures less than 15 minutes apart. One address alone never gets
 * there (its pair locks after 5 for 15 minutes, which ends the window), so locking an account by name takes
 * at least four addresses guessing at once.
 */
export const ACCOUNT_LOCKOUT: LockoutPolicy = { maxFailures: 20, lockMs: 15 * 60 * 1000, windowMs: 15 * 60 * 1000 };

export interface LoginAttemptState {
  failedAttempts: number;
  lockedUntil: Date | null;
  lastFailedAt: Date | null;
}

export function isLocked(state: LoginAttemptState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** State after a failed attempt: the `maxFailures`-th failure within the window locks and resets the count. */
export function afterFailedLogin(policy: LockoutPolicy, state: LoginAttemptState, now: Date): LoginAttemptState {
  const countsOn = !isLocked(state, now) && state.lastFailedAt !== null && now.getTime() - state.lastFailedAt.getTime() < policy.windowMs;
  const failedAttempts = (countsOn ? state.failedAttempts : 0) + 1;
  if (failedAttempts >= policy.maxFailures) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockMs), lastFailedAt: now };
  }
  return { failedAttempts, lockedUntil: null, lastFailedAt: now };
}

export function afterSuccessfulLogin(): LoginAttemptState {
  return { failedAttempts: 0, lockedUntil: null, lastFailedAt: null };
}
