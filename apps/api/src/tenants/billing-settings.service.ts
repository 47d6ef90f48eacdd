import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant } from '@lunas/persistence';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { reachableTenant } from '../auth/tenant-scope';
import type { BillingSettingsDto } from './billing-settings.dto';

export interface BillingSettings extends Required<BillingSettingsDto> {
  tenantId: string;
}

/**
 * A tenant's PPN setting, read when each invoice is issued and snapshotted on it: a change applies to invoices
 * issued afterwards, never to issued ones. Its activation billing is read when a subscription's workflow starts:
 * a change applies to subscriptions created afterwards. A caller reaches only its own tenant, a superadmin every tenant.
 */
@Injectable()
export class BillingSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthenticatedUser, tenantId: string): Promise<BillingSettings> {
    return settingsOf(await reachableTenant(this.dataSource.manager, user, tenantId));
  }

  async update(user: AuthenticatedUser, tenantId: string, input: BillingSettingsDto, ip: string | null): Promise<BillingSettings> {
    return this.dataSource.transaction(async (m) => {
      const tenant = await reachableTenant(m, user, tenantId, true);
      const before = settingsOf(tenant);
      const after: BillingSettings = {
        tenantId: tenant.id,
        ppnRateBasisPoints: input.ppnRateBasisPoints,
        pricesIncludePpn: input.pricesIncludePpn,
        activationBilling: input.activationBilling ?? before.activationBilling,
      };
      const { ppnRateBasisPoints, pricesIncludePpn, activationBilling } = after;
      await m.update(Tenant, { id: tenant.id }, { ppnRateBasisPoints, pricesIncludePpn, activationBilling });
      await this.audit.record(
        { actorUserId: user.userId, tenantId: tenant.id, action: 'tenant.billing_settings.update', entityType: 'tenant', entityId: tenant.id, before: { ...before }, after: { ...after }, sourceIp: ip },
        m,
      );
      return after;
    });
  }
}

function settingsOf(tenant: Tenant): BillingSettings {
  return {
    tenantId: tenant.id,
    ppnRateBasisPoints: tenant.ppnRateBasisPoints,
    pricesIncludePpn: tenant.pricesIncludePpn,
    activationBilling: tenant.activationBilling,
  };
}
