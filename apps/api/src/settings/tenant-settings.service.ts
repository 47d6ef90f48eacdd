import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantSettings, TenantSettingsInput } from '@lunas/contracts';
import { insertTenantSettingsVersion, isUniqueViolation, latestTenantSettingsVersion, Tenant, tenantSettingsAt } from '@lunas/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { FieldError } from '../common/problem-details/problem';
import { invalidFields } from '../common/validation-message';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { reachableTenant } from '../auth/tenant-scope';
import type { TenantSettingsDto } from './tenant-settings.dto';

/**
 * A mitra's settings (Pengaturan), versioned: each save writes the next version, effective from the moment it
 * commits, so invoices, receipts and messages issued before keep the version they were issued under. The PPN
 * fields and the business name are also the tenant's own columns (read by invoicing and by the CSV import's
 * "area"), kept equal in the same transaction; the first bank account is the tenant's transfer account.
 */
@Injectable()
export class TenantSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthenticatedUser, tenantId: string): Promise<TenantSettings> {
    await reachableTenant(this.dataSource.manager, user, tenantId);
    return this.current(this.dataSource.manager, tenantId);
  }

  async update(user: AuthenticatedUser, tenantId: string, input: TenantSettingsDto, ip: string | null): Promise<TenantSettings> {
    assertConsistent(input);
    try {
      return await this.dataSource.transaction(async (m) => {
        await reachableTenant(m, user, tenantId, true);
        const before = await this.current(m, tenantId);
        const settings = normalised(input);
        const latest = await latestTenantSettingsVersion(m, tenantId);
        if (latest === 0) await this.keepDefaults(m, before);
        const version = Math.max(before.version, latest) + 1;
        const [{ now }] = (await m.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
        await insertTenantSettingsVersion(m, { tenantId, version, settings, effectiveFrom: now, createdBy: user.userId });
        await m.update(Tenant, { id: tenantId }, {
          businessName: settings.businessName,
          ppnRateBasisPoints: settings.ppnRateBasisPoints,
          pricesIncludePpn: settings.pricesIncludePpn,
          bankAccounts: settings.bankAccounts.map((account) => ({ ...account })),
        });
        const after: TenantSettings = { ...settings, tenantId, version, effectiveFrom: now.toISOString() };
        await this.audit.record(
          { actorUserId: user.userId, tenantId, action: 'tenant.settings.update', entityType: 'tenant', entityId: tenantId, before: withoutLogo(before), after: withoutLogo(after), sourceIp: ip },
          m,
        );
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_tenants_business_name')) throw new ConflictException('Nama usaha sudah dipakai mitra lain.');
      if (isUniqueViolation(error, 'uq_tenant_settings_versions_tenant_version')) {
        throw new ConflictException('Pengaturan baru saja diubah orang lain; muat ulang lalu simpan lagi.');
      }
      throw error;
    }
  }

  /**
   * Version 1 (the defaults) is read from the tenant's own columns, which the first save changes: it is written down
   * as it was, effective from the tenant's creation, so documents issued before the first save keep it.
   */
  private async keepDefaults(m: EntityManager, defaults: TenantSettings): Promise<void> {
    const { tenantId, version, effectiveFrom, ...settings } = defaults;
    await insertTenantSettingsVersion(m, { tenantId, version, settings, effectiveFrom: new Date(effectiveFrom), createdBy: null });
  }

  private async current(m: EntityManager, tenantId: string): Promise<TenantSettings> {
    const settings = await tenantSettingsAt(m, tenantId);
    if (!settings) throw new NotFoundException('Mitra tidak ditemukan.');
    return settings;
  }
}

/** What the field rules cannot say alone: the window's end after its start and one sending day, an NPWP of 15 or 16 digits. */
function assertConsistent(input: TenantSettingsDto): void {
  const errors: FieldError[] = [];
  if (input.sendWindow.end <= input.sendWindow.start) {
    errors.push({ field: 'sendWindow.end', message: 'Jam akhir jendela kirim harus setelah jam mulai' });
  }
  if (new Set(input.sendWindow.quietWeekdays).size >= 7) {
    errors.push({ field: 'sendWindow.quietWeekdays', message: 'Minimal satu hari dalam seminggu harus boleh mengirim pesan' });
  }
  const npwpDigits = input.npwp.replace(/\D/g, '').length;
  if (npwpDigits !== 0 && npwpDigits !== 15 && npwpDigits !== 16) {
    errors.push({ field: 'npwp', message: 'NPWP harus 15 atau 16 digit' });
  }
  if (errors.length) throw invalidFields(errors);
}

/** The input as stored: trimmed text, NPWP as digits, quiet days sorted and unique. */
function normalised(input: TenantSettingsDto): TenantSettingsInput {
  return {
    businessName: input.businessName.trim(),
    logoDataUrl: input.logoDataUrl,
    address: input.address.trim(),
    npwp: input.npwp.replace(/\D/g, ''),
    ppnRateBasisPoints: input.ppnRateBasisPoints,
    pricesIncludePpn: input.pricesIncludePpn,
    invoiceNumberPrefix: input.invoiceNumberPrefix.toUpperCase(),
    billingDefaults: { billingDay: input.billingDefaults.billingDay },
    receipt: { ...input.receipt, footerText: input.receipt.footerText.trim() },
    sendWindow: {
      start: input.sendWindow.start,
      end: input.sendWindow.end,
      quietWeekdays: [...new Set(input.sendWindow.quietWeekdays)].sort(),
      quietDates: [...new Set(input.sendWindow.quietDates)].sort(),
    },
    gatewayAccount: input.gatewayAccount,
    bankAccounts: input.bankAccounts.map((account) => ({ bankName: account.bankName.trim(), accountNumber: account.accountNumber, holder: account.holder.trim() })),
  };
}

/** The audit row names whether the logo changed, not its bytes. */
function withoutLogo(settings: TenantSettings): Record<string, unknown> {
  const { logoDataUrl, ...rest } = settings;
  return { ...rest, hasLogo: logoDataUrl !== null, logoLength: logoDataUrl?.length ?? 0 };
}
