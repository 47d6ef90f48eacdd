import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Network enforcement (issue #20):
 * - FreeRADIUS's standard PostgreSQL tables (`raddb/mods-config/sql/main/postgresql/schema.sql`, with `Class`),
 *   which Lunas writes (users, groups, NAS clients) and FreeRADIUS reads and fills (`radacct`, `radpostauth`);
 * - the PPPoE password of a subscription (AES-256-GCM at rest; FreeRADIUS's `radcheck` holds the copy it needs);
 * - a package's RADIUS profile (rate limit, address pool, session timeout);
 * - per mitra: the isolir profile and the NAS / router registry (secrets encrypted at rest).
 */
export class NetworkEnforcement1763800024000 implements MigrationInterface {
  name = 'NetworkEnforcement1763800024000';

  async up(q: QueryRunner): Promise<void> {
    // radcheck / radreply per user, radgroupcheck / radgroupreply per group; `==` checks, `=` replies by default.
    for (const [table, key, op] of [['radcheck', 'username', '=='], ['radreply', 'username', '='], ['radgroupcheck', 'groupname', '=='], ['radgroupreply', 'groupname', '=']]) {
      await q.query(`
        CREATE TABLE ${table} (
          id serial PRIMARY KEY,
          ${key} text NOT NULL DEFAULT '',
          attribute text NOT NULL DEFAULT '',
          op varchar(2) NOT NULL DEFAULT '${op}',
          value text NOT NULL DEFAULT ''
        )`);
      await q.query(`CREATE INDEX ${table}_${key} ON ${table} (${key}, attribute)`);
    }
    await q.query(`
      CREATE TABLE radusergroup (
        id serial PRIMARY KEY,
        username text NOT NULL DEFAULT '',
        groupname text NOT NULL DEFAULT '',
        priority integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE UNIQUE INDEX radusergroup_username_groupname ON radusergroup (username, groupname)`);
    await q.query(`
      CREATE TABLE radacct (
        radacctid bigserial PRIMARY KEY,
        acctsessionid text NOT NULL,
        acctuniqueid text NOT NULL UNIQUE,
        username text,
        realm text,
        nasipaddress inet NOT NULL,
        nasportid text,
        nasporttype text,
        acctstarttime timestamptz,
        acctupdatetime timestamptz,
        acctstoptime timestamptz,
        acctinterval bigint,
        acctsessiontime bigint,
        acctauthentic text,
        connectinfo_start text,
        connectinfo_stop text,
        acctinputoctets bigint,
        acctoutputoctets bigint,
        calledstationid text,
        callingstationid text,
        acctterminatecause text,
        servicetype text,
        framedprotocol text,
        framedipaddress inet,
        framedipv6address inet,
        framedipv6prefix inet,
        framedinterfaceid text,
        delegatedipv6prefix inet,
        class text
      )`);
    await q.query(`CREATE INDEX radacct_active_session_idx ON radacct (acctuniqueid) WHERE acctstoptime IS NULL`);
    await q.query(`CREATE INDEX radacct_active_user_idx ON radacct (username) WHERE acctstoptime IS NULL`);
    await q.query(`CREATE INDEX radacct_start_user_idx ON radacct (acctstarttime, username)`);
    await q.query(`
      CREATE TABLE radpostauth (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        pass text,
        reply text,
        calledstationid text,
        callingstationid text,
        authdate timestamptz NOT NULL DEFAULT now(),
        class text
      )`);
    await q.query(`
      CREATE TABLE nas (
        id serial PRIMARY KEY,
        nasname text NOT NULL,
        shortname text NOT NULL,
        type text NOT NULL DEFAULT 'other',
        ports integer,
        secret text NOT NULL,
        server text,
        community text,
        description text
      )`);
    await q.query(`CREATE INDEX nas_nasname ON nas (nasname)`);

    await q.query(`ALTER TABLE subscriptions ADD COLUMN pppoe_password text`);
    await q.query(`
      ALTER TABLE packages
        ADD COLUMN rate_limit varchar(100),
        ADD COLUMN address_pool varchar(64),
        ADD COLUMN session_timeout integer CHECK (session_timeout > 0)`);
    await q.query(`
      CREATE TABLE tenant_network_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        isolir_rate_limit varchar(100) NOT NULL DEFAULT '64k/64k',
        isolir_pool varchar(64) NOT NULL DEFAULT 'pool-isolir',
        isolir_address_list varchar(64) NOT NULL DEFAULT 'isolir',
        isolir_profile varchar(64) NOT NULL DEFAULT 'isolir',
        drift_interval_minutes integer NOT NULL DEFAULT 60 CHECK (drift_interval_minutes >= 5),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE network_devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        site varchar(100),
        method varchar(16) NOT NULL CHECK (method IN ('radius', 'routeros')),
        address varchar(255) NOT NULL,
        coa_port integer NOT NULL DEFAULT 3799 CHECK (coa_port BETWEEN 1 AND 65535),
        radius_secret text,
        api_port integer NOT NULL DEFAULT 8728 CHECK (api_port BETWEEN 1 AND 65535),
        api_tls boolean NOT NULL DEFAULT false,
        api_username varchar(100),
        api_password text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_network_devices_tenant_name UNIQUE (tenant_id, name),
        CONSTRAINT uq_network_devices_tenant_address UNIQUE (tenant_id, address),
        CONSTRAINT ck_network_devices_credentials CHECK (
          (method = 'radius' AND radius_secret IS NOT NULL) OR (method = 'routeros' AND api_username IS NOT NULL AND api_password IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_network_devices_address ON network_devices (address)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE network_devices`);
    await q.query(`DROP TABLE tenant_network_settings`);
    await q.query(`ALTER TABLE packages DROP COLUMN rate_limit, DROP COLUMN address_pool, DROP COLUMN session_timeout`);
    await q.query(`ALTER TABLE subscriptions DROP COLUMN pppoe_password`);
    for (const table of ['nas', 'radpostauth', 'radacct', 'radusergroup', 'radgroupreply', 'radgroupcheck', 'radreply', 'radcheck']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
