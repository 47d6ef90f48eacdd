import { ACCOUNT_LOCKOUT, afterFailedLogin, afterSuccessfulLogin, isLocked, PAIR_LOCKOUT, type LoginAttemptState } from './login-lockout';

describe('login lockout', () => {
  const now = new Date('2026-11-21T10:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  const fail = (times: number, state: LoginAttemptState = afterSuccessfulLogin(), when = now) => {
    for (let i = 0; i < times; i++) state = afterFailedLogin(PAIR_LOCKOUT, state, when);
    return state;
  };

  it('locks a username + address pair on the fifth failure for 15 minutes, not on the fourth', () => {
    let state = fail(4);
    expect(isLocked(state, now)).toBe(false);
    expect(state.failedAttempts).toBe(4);
    state = fail(1, state);
    expect(isLocked(state, now)).toBe(true);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + PAIR_LOCKOUT.lockMs);
  });

  it('unlocks after 15 minutes', () => {
    const state = fail(5);
    expect(isLocked(state, at(PAIR_LOCKOUT.lockMs - 1))).toBe(true);
    expect(isLocked(state, at(PAIR_LOCKOUT.lockMs))).toBe(false);
  });

  it('starts a new count when a failure comes 15 minutes or more after the previous one', () => {
    const state = fail(4);
    expect(afterFailedLogin(PAIR_LOCKOUT, state, at(PAIR_LOCKOUT.windowMs - 1))).toMatchObject({ lockedUntil: expect.any(Date) });
    expect(afterFailedLogin(PAIR_LOCKOUT, state, at(PAIR_LOCKOUT.windowMs))).toMatchObject({ failedAttempts: 1, lockedUntil: null });
  });

  it('locks the account only on the twentieth failure in the window', () => {
    let state = afterSuccessfulLogin();
    for (let i = 0; i < 19; i++) state = afterFailedLogin(ACCOUNT_LOCKOUT, state, at(i * 1000));
    expect(isLocked(state, at(19_000))).toBe(false);
    state = afterFailedLogin(ACCOUNT_LOCKOUT, state, at(19_000));
    expect(isLocked(state, at(19_000))).toBe(true);
  });
});
