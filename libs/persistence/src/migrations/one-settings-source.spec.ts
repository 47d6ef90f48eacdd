import { DEFAULT_RECEIPT_FIELDS } from '@lunas/contracts';
import { runMigrations } from '../data-source';
import { insertTenant } from '../testing/fixtures';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { tenantSettingsAt } from '../tenant-settings';
import { MIGRATIONS } from '.';
import { OneSettingsSource1763800029000 } from './1763800029000-one-settings-source';

const LOGO = 'data:image/png;base64,iVBORw0KGgo=';

// Three mitra set their messaging settings before the settings had one home: A (never saved Pengaturan) turned the
// NIK on and the cashier off, had a holiday and a logo; B (Pengaturan saved once) hid its logo; C only has an SMTP
// server. The migration carries A's and B's choices into a new settings version and leaves C alone.
describe(OneSettingsSource1763800029000.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db.destroy());

  it("moves quiet dates, receipt toggles and logo into a new settings version, keeping each mitra's other settings", async () => {
    await runMigrations(db.dataSource);
    const newer = MIGRATIONS.slice(MIGRATIONS.indexOf(OneSettingsSource1763800029000));
    for (let i = 0; i < newer.length; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    const m = db.dataSource.manager;
    const [a, b, c] = [await insertTenant(m, { ppnRateBasisPoints: 1_200 }), await insertTenant(m), await insertTenant(m)];
    const bSettings = { businessName: b.businessName, address: 'Jl. Mawar 2', receipt: { ...DEFAULT_RECEIPT_FIELDS, footerText: 'Salam' } };
    await m.query(`INSERT INTO tenant_settings_versions (tenant_id, version, settings, effective_from) VALUES ($1, 2, $2, now() - interval '1 day')`, [b.id, JSON.stringify(bSettings)]);
    await m.query(
      `INSERT INTO messaging_settings (tenant_id, quiet_dates, receipt_fields, logo_data_url) VALUES ($1, '["2026-12-25"]', '{"nik": true, "paidBy": false}', $2), ($3, '[]', '{"logo": false}', NULL)`,
      [a.id, LOGO, b.id],
    );
    await m.query(`INSERT INTO messaging_settings (tenant_id, smtp_host, smtp_port) VALUES ($1, 'smtp.c.test', 587)`, [c.id]);
    const before = new Date(Date.now() - 1_000);

    await runMigrations(db.dataSource);

    expect(await tenantSettingsAt(m, a.id)).toMatchObject({
      version: 2, businessName: a.businessName, ppnRateBasisPoints: 1_200, logoDataUrl: LOGO,
      receipt: { ...DEFAULT_RECEIPT_FIELDS, showNik: true, showPaidBy: false },
      sendWindow: { start: '08:00', end: '20:00', quietWeekdays: [7], quietDates: ['2026-12-25'] },
    });
    expect(await tenantSettingsAt(m, b.id)).toMatchObject({ version: 3, address: 'Jl. Mawar 2', logoDataUrl: null, receipt: { showLogo: false, footerText: 'Salam' } });
    expect((await tenantSettingsAt(m, b.id, before))?.version).toBe(2);
    expect((await tenantSettingsAt(m, c.id))?.version).toBe(1);
    const columns: Array<{ column_name: string }> = await m.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'messaging_settings'`);
    expect(columns.map((column) => column.column_name)).not.toEqual(expect.arrayContaining(['quiet_dates']));
    expect(columns.map((column) => column.column_name)).toEqual(expect.arrayContaining(['smtp_host', 'pacing']));
  });
});
