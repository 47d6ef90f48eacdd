import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions end with the credentials behind them: deactivating a user or changing their password revokes every
 * refresh-token family of that user, whoever makes the change (API, seed or SQL), and the API refuses access
 * tokens of a revoked family. `last_failed_login_at` lets the account lockout count failures within a window.
 */
export class SessionRevocation1763800011000 implements MigrationInterface {
  name = 'SessionRevocation1763800011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN last_failed_login_at timestamptz`);
    await q.query(`
      CREATE FUNCTION revoke_sessions_on_credential_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE refresh_tokens
           SET revoked_at = now(),
               revoked_reason = CASE WHEN NEW.is_active THEN 'password_changed' ELSE 'user_deactivated' END
         WHERE user_id = NEW.id AND revoked_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_users_revoke_sessions AFTER UPDATE OF password_hash, is_active ON users
        FOR EACH ROW
        WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.is_active AND NOT NEW.is_active))
        EXECUTE FUNCTION revoke_sessions_on_credential_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_users_revoke_sessions ON users`);
    await q.query(`DROP FUNCTION revoke_sessions_on_credential_change()`);
    await q.query(`ALTER TABLE users DROP COLUMN last_failed_login_at`);
  }
}
