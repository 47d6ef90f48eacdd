/** Failed logins allowed before the account is locked (004: 5 failures). */
export const MAX_FAILED_LOGINS = 5;
/** How long a locked account stays locked (004: 15 minutes). */
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface LoginAttemptState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LoginAttemptState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** State after a failed attempt: the fifth failure locks the account and resets the counter. */
export function afterFailedLogin(state: LoginAttemptState, now: Date): LoginAttemptState {
  const failedAttempts = (isLocked(state, now) ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= MAX_FAILED_LOGINS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) };
  }
  return { failedAttempts, lockedUntil: null };
}

export function afterSuccessfulLogin(): LoginAttemptState {
  return { failedAttempts: 0, lockedUntil: null };
}
