import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of POST requests (`Idempotency-Key` header), per tenant and user: the request's fingerprint
 * (method, path, body) and, once it has finished, the answer it got, replayed to a retry with the same key until
 * `expires_at` (24 h after the first request). `response_status` is null while the first request runs.
 */
export class IdempotencyKeys1763800018000 implements MigrationInterface {
  name = 'IdempotencyKeys1763800018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        fingerprint char(64) NOT NULL,
        response_status smallint,
        response_body json,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, user_id, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
