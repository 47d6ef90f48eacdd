import type { DataSource } from 'typeorm';
import { LiveSessions } from './live-sessions';

describe(LiveSessions.name, () => {
  const lookups = (answers: boolean[]) => {
    const query = jest.fn(async () => [{ live: answers.shift() }]);
    return { query, sessions: new LiveSessions({ query } as unknown as DataSource, 60_000) };
  };

  describe('isLive', () => {
    it('asks the database once per session within the cache time', async () => {
      const { query, sessions } = lookups([true, false]);
      expect(await sessions.isLive('family-1', 'user-1')).toBe(true);
      expect(await sessions.isLive('family-1', 'user-1')).toBe(true);
      expect(query).toHaveBeenCalledTimes(1);
      expect(query).toHaveBeenCalledWith(expect.stringContaining('revoked_at IS NULL'), ['family-1', 'user-1']);
    });

    it('asks again after forget, so a revocation on this instance takes effect at once', async () => {
      const { query, sessions } = lookups([true, false]);
      await sessions.isLive('family-1', 'user-1');
      sessions.forget('family-1');
      expect(await sessions.isLive('family-1', 'user-1')).toBe(false);
      expect(query).toHaveBeenCalledTimes(2);
    });
  });
});
