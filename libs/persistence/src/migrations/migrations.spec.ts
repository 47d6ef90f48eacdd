import { revertAllMigrations, runMigrations } from '../data-source';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { MIGRATIONS } from '.';

async function tableNames(db: TestDatabase): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('MIGRATIONS', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db.destroy());

  it('migrates an empty database up and back down to empty', async () => {
    expect(await tableNames(db)).toEqual([]);

    const applied = await runMigrations(db.dataSource);
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['tenants', 'invoices', 'payment_events', 'audit_log', 'settings']));
    expect(await db.dataSource.showMigrations()).toBe(false);

    expect(await revertAllMigrations(db.dataSource)).toBe(MIGRATIONS.length);
    expect(await tableNames(db)).toEqual(['migrations']);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: 0 }]);
  });

  it('creates every column the entities map, with the same nullability', async () => {
    await runMigrations(db.dataSource);
    const rows: Array<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }> = await db.dataSource.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.is_nullable === 'YES']));
    const expected = db.dataSource.entityMetadatas.flatMap((entity) =>
      entity.columns.map((column) => [`${entity.tableName}.${column.databaseName}`, column.isNullable] as const),
    );

    expect(expected.length).toBeGreaterThan(150);
    expect(expected.filter(([name, nullable]) => actual.get(name) !== nullable)).toEqual([]);
  });
});
