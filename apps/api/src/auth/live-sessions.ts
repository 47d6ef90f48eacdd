import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const LIVE_SESSION_CACHE_MS = Symbol('LIVE_SESSION_CACHE_MS');

/**
 * How long one instance trusts its last answer about a session: 5 s. A console page fires a handful of
 * requests at once; they share one lookup. Logout on this instance takes effect at once ({@link forget});
 * a revocation elsewhere (another instance, deactivation or a password change in the database) within 5 s.
 */
export const DEFAULT_LIVE_SESSION_CACHE_MS = 5_000;

/** Sessions kept in the cache before expired answers are swept. */
const SWEEP_AT_SESSIONS = 10_000;

/**
 * Whether the session behind an access token still stands: its refresh-token family (the token's `sid`) has
 * an unrevoked, unexpired token and its user is active. Logout and refresh-token reuse revoke the family;
 * deactivating a user or changing their password revokes all their families (database trigger, migration
 * 1763800011000). So an access token stops working with its session instead of living out its 15 minutes.
 */
@Injectable()
export class LiveSessions {
  private readonly answers = new Map<string, { live: boolean; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIVE_SESSION_CACHE_MS) private readonly cacheMs: number,
  ) {}

  async isLive(sessionId: string, userId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.answers.get(sessionId);
    if (cached && cached.until > now) return cached.live;
    const [row]: Array<{ live: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM refresh_tokens r JOIN users u ON u.id = r.user_id
          WHERE r.family_id = $1 AND r.user_id = $2 AND r.revoked_at IS NULL AND r.expires_at > now() AND u.is_active
       ) AS live`,
      [sessionId, userId],
    );
    if (this.answers.size >= SWEEP_AT_SESSIONS) this.sweep(now);
    this.answers.set(sessionId, { live: row.live, until: now + this.cacheMs });
    return row.live;
  }

  /** Drops what this instance remembers of a session it has just revoked. */
  forget(sessionId: string): void {
    this.answers.delete(sessionId);
  }

  private sweep(now: number): void {
    for (const [sessionId, answer] of this.answers) if (answer.until <= now) this.answers.delete(sessionId);
  }
}
