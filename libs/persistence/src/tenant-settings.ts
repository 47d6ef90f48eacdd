import {
  DEFAULT_BILLING_DEFAULTS, DEFAULT_RECEIPT_FIELDS, DEFAULT_SEND_WINDOW,
  type SendWindow, type TenantSettings, type TenantSettingsInput,
} from '@lunas/contracts';
import { DEFAULT_INVOICE_NUMBER_PREFIX, type IsoDate, type MessagingWindow } from '@lunas/domain';
import type { EntityManager } from 'typeorm';
import { Tenant } from './entities';

interface VersionRow {
  version: number;
  settings: TenantSettingsInput;
  effective_from: Date;
}

/**
 * The settings of a tenant in effect at `at` (default now): the latest saved version effective at or before it,
 * or — before any was saved — version 1, the defaults with the tenant's own columns (business name, PPN, bank
 * account). A document issued at `at` uses exactly these, so a later change never alters it.
 */
export async function tenantSettingsAt(manager: EntityManager, tenantId: string, at: Date = new Date()): Promise<TenantSettings | null> {
  const [row] = (await manager.query(
    `SELECT version, settings, effective_from FROM tenant_settings_versions
      WHERE tenant_id = $1 AND effective_from <= $2 ORDER BY effective_from DESC, version DESC LIMIT 1`,
    [tenantId, at],
  )) as VersionRow[];
  if (row) return { ...defaultsOf(null), ...row.settings, tenantId, version: row.version, effectiveFrom: row.effective_from.toISOString() };
  const tenant = await manager.findOneBy(Tenant, { id: tenantId });
  return tenant ? { ...defaultsOf(tenant), tenantId, version: 1, effectiveFrom: tenant.createdAt.toISOString() } : null;
}

/** The newest saved version number of a tenant (0 before any save). */
export async function latestTenantSettingsVersion(manager: EntityManager, tenantId: string): Promise<number> {
  const [row] = (await manager.query(`SELECT coalesce(max(version), 0)::int AS version FROM tenant_settings_versions WHERE tenant_id = $1`, [tenantId])) as Array<{
    version: number;
  }>;
  return row.version;
}

/** Saves `settings` as the tenant's next version, effective from `effectiveFrom`. */
export async function insertTenantSettingsVersion(
  manager: EntityManager,
  input: { tenantId: string; version: number; settings: TenantSettingsInput; effectiveFrom: Date; createdBy: string | null },
): Promise<void> {
  await manager.query(
    `INSERT INTO tenant_settings_versions (tenant_id, version, settings, effective_from, created_by) VALUES ($1, $2, $3, $4, $5)`,
    [input.tenantId, input.version, JSON.stringify(input.settings), input.effectiveFrom, input.createdBy],
  );
}

function defaultsOf(tenant: Tenant | null): TenantSettingsInput {
  return {
    businessName: tenant?.businessName ?? '',
    logoDataUrl: null,
    address: '',
    npwp: '',
    ppnRateBasisPoints: tenant?.ppnRateBasisPoints ?? 1_100,
    pricesIncludePpn: tenant?.pricesIncludePpn ?? false,
    invoiceNumberPrefix: DEFAULT_INVOICE_NUMBER_PREFIX,
    billingDefaults: DEFAULT_BILLING_DEFAULTS,
    receipt: DEFAULT_RECEIPT_FIELDS,
    sendWindow: DEFAULT_SEND_WINDOW,
    gatewayAccount: 'own',
    bankAccounts: tenant?.bankAccounts ?? [],
  };
}

/**
 * The send window and quiet days of the tenant's settings in effect at `at` (default now), as the sender queue's
 * pacing reads them; null for an unknown tenant.
 */
export async function tenantMessagingWindowAt(manager: EntityManager, tenantId: string, at: Date = new Date()): Promise<MessagingWindow | null> {
  const settings = await tenantSettingsAt(manager, tenantId, at);
  return settings ? messagingWindowOf(settings.sendWindow) : null;
}

/** A settings send window (hours, quiet weekdays, quiet dates) as the pacing's window (send days, hours, quiet dates). */
export function messagingWindowOf(window: SendWindow): MessagingWindow {
  return {
    days: ISO_WEEKDAYS.filter((day) => !window.quietWeekdays.includes(day)),
    start: window.start,
    end: window.end,
    quietDates: [...window.quietDates] as IsoDate[],
  };
}

const ISO_WEEKDAYS: MessagingWindow['days'] = [1, 2, 3, 4, 5, 6, 7];
