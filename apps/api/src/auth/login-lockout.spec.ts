import { afterFailedLogin, afterSuccessfulLogin, isLocked, LOCKOUT_MS } from './login-lockout';

describe('login lockout', () => {
  const now = new Date('2026-11-21T10:00:00Z');

  it('locks on the fifth failure for 15 minutes, not on the fourth', () => {
    let state = afterSuccessfulLogin();
    for (let i = 0; i < 4; i++) state = afterFailedLogin(state, now);
    expect(isLocked(state, now)).toBe(false);
    expect(state.failedAttempts).toBe(4);
    state = afterFailedLogin(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MS);
  });

  it('unlocks after 15 minutes', () => {
    let state = afterSuccessfulLogin();
    for (let i = 0; i < 5; i++) state = afterFailedLogin(state, now);
    expect(isLocked(state, new Date(now.getTime() + LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + LOCKOUT_MS))).toBe(false);
  });
});
