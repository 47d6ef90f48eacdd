import { FixedWindowLimiter } from './fixed-window-limiter';

describe(FixedWindowLimiter.name, () => {
  describe('take', () => {
    it('allows the limit within a window, refuses the next with the seconds left, and counts keys apart', () => {
      const limiter = new FixedWindowLimiter({ limit: 3, windowMs: 60_000 });
      const t0 = 1_000_000;
      for (let i = 0; i < 3; i++) expect(limiter.take('10.0.0.1', t0 + i)).toEqual({ allowed: true });
      expect(limiter.take('10.0.0.1', t0 + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
      expect(limiter.take('10.0.0.2', t0 + 20_000)).toEqual({ allowed: true });
    });

    it('starts a new window once the old one has ended', () => {
      const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 1_000 });
      expect(limiter.take('a', 0)).toEqual({ allowed: true });
      expect(limiter.take('a', 999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
      expect(limiter.take('a', 1_000)).toEqual({ allowed: true });
    });
  });
});
