import { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGRAM_INDEXES = ['ix_customers_name_trgm', 'ix_customers_code_trgm', 'ix_customers_phone_trgm', 'ix_invoices_number_trgm', 'ix_subscriptions_pppoe_trgm'];

/**
 * Console lists stay index-backed at 100 000 customers (issue 19, `bench/console-api`):
 * - the trigram (search) indexes write each new row straight into the index (`fastupdate = off`): with the default
 *   pending list, rows added since the last vacuum are searched linearly and the planner, costing that, falls back to
 *   scanning the whole table for a name search after every bulk import;
 * - `packages.subscription_count`: the package list's "Pelanggan" column (subscriptions not cancelled) kept by
 *   statement-level triggers on `subscriptions` instead of counting ≈ 20 000 rows per package on every page.
 */
export class ConsoleListSpeed1763800028000 implements MigrationInterface {
  name = 'ConsoleListSpeed1763800028000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX ${index} SET (fastupdate = off)`);

    await q.query(`ALTER TABLE packages ADD COLUMN subscription_count integer NOT NULL DEFAULT 0`);
    // Rows entering and leaving the count in one statement: +1 for each new row that is not cancelled, −1 for each
    // old one; per package, applied once per statement (a bulk insert of 100 000 subscriptions is one update per package).
    await q.query(`
      CREATE FUNCTION packages_count_subscriptions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE packages p SET subscription_count = p.subscription_count + d.n
            FROM (SELECT package_id, count(*) AS n FROM new_rows WHERE status <> 'cancelled' GROUP BY package_id) d WHERE p.id = d.package_id;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE packages p SET subscription_count = p.subscription_count - d.n
            FROM (SELECT package_id, count(*) AS n FROM old_rows WHERE status <> 'cancelled' GROUP BY package_id) d WHERE p.id = d.package_id;
        ELSE
          UPDATE packages p SET subscription_count = p.subscription_count + d.n
            FROM (SELECT package_id, sum(n) AS n FROM (
                    SELECT package_id, 1 AS n FROM new_rows WHERE status <> 'cancelled'
                    UNION ALL SELECT package_id, -1 FROM old_rows WHERE status <> 'cancelled') moved
                  GROUP BY package_id HAVING sum(n) <> 0) d
           WHERE p.id = d.package_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_subscriptions_count_insert AFTER INSERT ON subscriptions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION packages_count_subscriptions()`);
    await q.query(`CREATE TRIGGER trg_subscriptions_count_update AFTER UPDATE ON subscriptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION packages_count_subscriptions()`);
    await q.query(`CREATE TRIGGER trg_subscriptions_count_delete AFTER DELETE ON subscriptions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION packages_count_subscriptions()`);
    await q.query(`
      UPDATE packages p SET subscription_count = d.n
        FROM (SELECT package_id, count(*) AS n FROM subscriptions WHERE status <> 'cancelled' GROUP BY package_id) d WHERE p.id = d.package_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const operation of ['delete', 'update', 'insert']) await q.query(`DROP TRIGGER trg_subscriptions_count_${operation} ON subscriptions`);
    await q.query(`DROP FUNCTION packages_count_subscriptions()`);
    await q.query(`ALTER TABLE packages DROP COLUMN subscription_count`);
    for (const index of TRIGRAM_INDEXES) await q.query(`ALTER INDEX ${index} RESET (fastupdate)`);
  }
}
