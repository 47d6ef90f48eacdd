import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

/**
 * How long a key is remembered after its first request (24 h): longer than any client's retry schedule (gateways and
 * HTTP clients give up within hours), short enough that the table stays small. Documented in README and OpenAPI.
 */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/**
 * A first request still unfinished after this long (60 s) is taken to have died with its process: its key may be
 * claimed again. A request takes at most a few seconds (Temporal calls give up after 10 s).
 */
const ABANDONED_AFTER_SECONDS = 60;
/** How long a retry waits for the first request with its key to finish (15 s), and how often it looks (100 ms). */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;

/** Whose key it is: keys of different users (or tenants) never meet. */
export interface IdempotencyScope {
  tenantId: string;
  userId: string;
  key: string;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What a request with a key is to do: run (it owns the key), replay the stored answer, or refuse. */
export type IdempotencyClaim =
  | { kind: 'run' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'other-request' }
  | { kind: 'still-running' };

interface KeyRow {
  fingerprint: string;
  response_status: number | null;
  response_body: unknown;
}

/** The `idempotency_keys` table: claims a key for one request, stores its answer, forgets it after the TTL. */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the key for a request with `fingerprint`. Exactly one of two racing requests wins the insert; the other
   * waits for its answer. An expired or abandoned key is claimed afresh.
   */
  async claim(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      if (await this.tryInsert(scope, fingerprint)) return { kind: 'run' };
      const row = await this.read(scope);
      if (row && row.fingerprint !== fingerprint) return { kind: 'other-request' };
      if (row && row.response_status !== null) return { kind: 'replay', answer: { status: row.response_status, body: row.response_body } };
      if (Date.now() >= deadline) return { kind: 'still-running' };
      if (row) await sleep(POLL_MS);
    }
  }

  /** Stores the answer the request got, for retries with the same key. */
  async complete(scope: IdempotencyScope, answer: StoredAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $4, response_body = $5::json WHERE tenant_id = $1 AND user_id = $2 AND key = $3`,
      [scope.tenantId, scope.userId, scope.key, answer.status, JSON.stringify(answer.body ?? null)],
    );
  }

  /** Forgets the key of a request that failed (nothing was created): a retry runs it again. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND response_status IS NULL`, [
      scope.tenantId,
      scope.userId,
      scope.key,
    ]);
  }

  private async tryInsert(scope: IdempotencyScope, fingerprint: string): Promise<boolean> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (tenant_id, user_id, key, fingerprint, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
       ON CONFLICT (tenant_id, user_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, response_status = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
            OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at <= now() - make_interval(secs => $6))
       RETURNING key`,
      [scope.tenantId, scope.userId, scope.key, fingerprint, IDEMPOTENCY_KEY_TTL_HOURS, ABANDONED_AFTER_SECONDS],
    );
    if (claimed.length === 0) return false;
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    return true;
  }

  private async read(scope: IdempotencyScope): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT fingerprint, response_status, response_body FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3`,
      [scope.tenantId, scope.userId, scope.key],
    );
    return rows[0];
  }
}
