import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, users, roles and permissions, refresh tokens, settings, audit log. */
export class IdentityAndAccess1763800000000 implements MigrationInterface {
  name = 'IdentityAndAccess1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_name varchar(255) NOT NULL CONSTRAINT uq_tenants_business_name UNIQUE,
        kind varchar(16) NOT NULL CONSTRAINT ck_tenants_kind CHECK (kind IN ('platform', 'mitra')),
        phone varchar(20),
        bank_name varchar(100),
        bank_account varchar(50),
        bank_holder varchar(255),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        username varchar(100) NOT NULL CONSTRAINT uq_users_username UNIQUE,
        password_hash varchar(255) NOT NULL,
        name varchar(255) NOT NULL,
        phone varchar(20),
        is_active boolean NOT NULL DEFAULT true,
        failed_login_attempts integer NOT NULL DEFAULT 0 CHECK (failed_login_attempts >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_users_tenant ON users (tenant_id)`);
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(50) NOT NULL CONSTRAINT uq_roles_code UNIQUE,
        name varchar(100) NOT NULL,
        description text NOT NULL,
        all_tenants boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE permissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(100) NOT NULL CONSTRAINT uq_permissions_code UNIQUE,
        description text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE role_permissions (
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        permission_id uuid NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
        PRIMARY KEY (role_id, permission_id)
      )`);
    await q.query(`CREATE INDEX ix_role_permissions_permission ON role_permissions (permission_id)`);
    await q.query(`
      CREATE TABLE user_roles (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      )`);
    await q.query(`CREATE INDEX ix_user_roles_role ON user_roles (role_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL CONSTRAINT uq_refresh_tokens_token_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(50),
        replaced_by_id uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL,
        user_agent varchar(500),
        ip_address varchar(45),
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at)`);
    await q.query(`
      CREATE TABLE settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        key varchar(100) NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_settings_tenant_key UNIQUE NULLS NOT DISTINCT (tenant_id, key)
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
        action varchar(100) NOT NULL,
        entity_type varchar(100) NOT NULL,
        entity_id varchar(100),
        before jsonb,
        after jsonb,
        source_ip varchar(45),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_audit_log_tenant_created ON audit_log (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'settings', 'refresh_tokens', 'user_roles', 'role_permissions', 'permissions', 'roles', 'users', 'tenants']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
