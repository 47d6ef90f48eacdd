import { MigrationInterface, QueryRunner } from 'typeorm';

/** The old messaging settings' receipt toggle names and the versioned settings' names for them. */
const RECEIPT_TOGGLES: Record<string, string> = {
  logo: 'showLogo', companyName: 'showBusinessName', customerPhone: 'showCustomerPhone', nik: 'showNik',
  area: 'showArea', discount: 'showDiscount', paymentMethod: 'showPaymentMethod', paidBy: 'showPaidBy',
};

/** The settings defaults as of this migration, for a mitra that never saved its settings. */
const RECEIPT_DEFAULTS = {
  showLogo: true, showBusinessName: true, showAddress: true, showCustomerPhone: true, showNik: false, showArea: true, showPackage: true,
  showPeriod: true, showDiscount: true, showPaymentMethod: true, showPaidBy: true, footerText: 'Terima kasih telah membayar tepat waktu.',
};
const SEND_WINDOW_DEFAULTS = { start: '08:00', end: '20:00', quietWeekdays: [7], quietDates: [] as string[] };

interface OldMessagingSettings {
  tenant_id: string;
  quiet_dates: string[];
  receipt_fields: Record<string, boolean>;
  logo_data_url: string | null;
  business_name: string;
  ppn_rate_basis_points: number;
  prices_include_ppn: boolean;
  bank_accounts: unknown[];
  version: number | null;
  settings: Record<string, unknown> | null;
}

/**
 * One source of truth for a mitra's settings (issue 22): the quiet dates, receipt field toggles and logo leave
 * `messaging_settings` (which keeps only the channel's pacing and SMTP server) for the versioned settings
 * (`tenant_settings_versions`). A mitra that had set any of them gets a new settings version carrying them, effective
 * from the migration, so documents already issued keep the version they were issued under. Keys a version leaves out
 * take the defaults when read.
 */
export class OneSettingsSource1763800029000 implements MigrationInterface {
  name = 'OneSettingsSource1763800029000';

  async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(`
      SELECT m.tenant_id, m.quiet_dates, m.receipt_fields, m.logo_data_url,
             t.business_name, t.ppn_rate_basis_points, t.prices_include_ppn, t.bank_accounts, v.version, v.settings
        FROM messaging_settings m
        JOIN tenants t ON t.id = m.tenant_id
        LEFT JOIN LATERAL (SELECT version, settings FROM tenant_settings_versions WHERE tenant_id = m.tenant_id ORDER BY version DESC LIMIT 1) v ON true
       WHERE m.quiet_dates <> '[]'::jsonb OR m.receipt_fields <> '{}'::jsonb OR m.logo_data_url IS NOT NULL`)) as OldMessagingSettings[];
    for (const row of rows) {
      const base = row.settings ?? {
        businessName: row.business_name, ppnRateBasisPoints: row.ppn_rate_basis_points, pricesIncludePpn: row.prices_include_ppn, bankAccounts: row.bank_accounts,
      };
      const receipt: Record<string, unknown> = { ...RECEIPT_DEFAULTS, ...(base['receipt'] as object | undefined) };
      for (const [old, field] of Object.entries(RECEIPT_TOGGLES)) {
        if (typeof row.receipt_fields[old] === 'boolean') receipt[field] = row.receipt_fields[old];
      }
      const window = { ...SEND_WINDOW_DEFAULTS, ...(base['sendWindow'] as typeof SEND_WINDOW_DEFAULTS | undefined) };
      const settings = {
        ...base,
        logoDataUrl: base['logoDataUrl'] ?? row.logo_data_url,
        receipt,
        sendWindow: { ...window, quietDates: [...new Set([...window.quietDates, ...row.quiet_dates])].sort() },
      };
      await q.query(`INSERT INTO tenant_settings_versions (tenant_id, version, settings, effective_from) VALUES ($1, $2, $3, now())`, [
        row.tenant_id, (row.version ?? 1) + 1, JSON.stringify(settings),
      ]);
    }
    await q.query(`ALTER TABLE messaging_settings DROP COLUMN quiet_dates, DROP COLUMN receipt_fields, DROP COLUMN logo_data_url`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE messaging_settings
        ADD COLUMN quiet_dates jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN receipt_fields jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN logo_data_url text`);
  }
}
