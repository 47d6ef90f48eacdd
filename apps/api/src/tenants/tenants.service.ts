import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, TenantRecord } from '@lunas/contracts';
import { DEFAULT_DUNNING_POLICY } from '@lunas/domain';
import { DunningPolicy, Tenant } from '@lunas/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uniqueTransaction } from '../common/unique-transaction';
import type { RequestContext } from '../auth/request-context';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { fetchPage } from '../common/list/fetch-page';
import { validOptionalPhone } from '../common/valid-phone';
import { invalidFields } from '../common/validation-message';
import type { CreateTenantDto, ListTenantsQueryDto, SetBankAccountsDto, UpdateTenantDto } from './dto/tenant-requests.dto';
import { tenantListSql, tenantSql } from './tenant-list.sql';

const NOT_FOUND = 'Mitra tidak ditemukan.';

/** Mitra (tenants): the superadmin creates and edits them; a mitra keeps its own bank accounts for transfers. */
@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext, query: ListTenantsQueryDto): Promise<Page<TenantRecord>> {
    return fetchPage(this.dataSource, tenantListSql(tenantFilter(ctx.user).tenantId, query), query);
  }

  async get(ctx: RequestContext, id: string): Promise<TenantRecord> {
    return assertSameTenant(ctx.user, await view(this.dataSource.manager, id), NOT_FOUND);
  }

  /** A new mitra, with the default dunning policy so that its subscriptions can start at once. */
  async create(ctx: RequestContext, dto: CreateTenantDto): Promise<TenantRecord> {
    return this.write(async (m) => {
      const tenant = await m.save(Tenant, m.create(Tenant, {
        kind: 'mitra', businessName: dto.businessName.trim(), contactName: dto.contactName ?? null, phone: validOptionalPhone(dto.phone),
        email: dto.email ?? null, gatewayAccountRef: dto.gatewayAccountRef ?? null, bankAccounts: dto.bankAccounts ?? [],
      }));
      await m.insert(DunningPolicy, { tenantId: tenant.id, version: 1, body: DEFAULT_DUNNING_POLICY, active: true });
      const after = (await view(m, tenant.id)) as TenantRecord;
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId: tenant.id, action: 'tenant.create', entityType: 'tenant', entityId: tenant.id, after: { ...after }, sourceIp: ctx.ip }, m);
      return after;
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateTenantDto): Promise<TenantRecord> {
    const { reason, ...fields } = dto;
    if (!Object.values(fields).some((value) => value !== undefined)) throw invalidFields([{ field: 'body', message: 'Tidak ada kolom yang diubah' }]);
    if (fields.active === false && !reason?.trim()) throw invalidFields([{ field: 'reason', message: 'Alasan wajib diisi saat menonaktifkan mitra' }]);
    return this.change(ctx, id, 'tenant.update', reason ?? null, async (m, tenant) => {
      if (fields.active === false && tenant.kind === 'platform') throw new ConflictException('Bisnis platform tidak bisa dinonaktifkan.');
      await m.update(Tenant, id, {
        ...(fields.businessName !== undefined ? { businessName: fields.businessName.trim() } : {}),
        ...(fields.contactName !== undefined ? { contactName: fields.contactName } : {}),
        ...(fields.phone !== undefined ? { phone: validOptionalPhone(fields.phone) } : {}),
        ...(fields.email !== undefined ? { email: fields.email } : {}),
        ...(fields.gatewayAccountRef !== undefined ? { gatewayAccountRef: fields.gatewayAccountRef } : {}),
        ...(fields.bankAccounts !== undefined ? { bankAccounts: fields.bankAccounts } : {}),
        ...(fields.active !== undefined ? { isActive: fields.active } : {}),
      });
    });
  }

  async setBankAccounts(ctx: RequestContext, id: string, dto: SetBankAccountsDto): Promise<TenantRecord> {
    return this.change(ctx, id, 'tenant.bank_accounts.update', null, async (m) => {
      await m.update(Tenant, id, { bankAccounts: dto.bankAccounts.map(({ bankName, accountNumber, holder }) => ({ bankName, accountNumber, holder })) });
    });
  }

  private async change(ctx: RequestContext, id: string, action: string, reason: string | null, work: (m: EntityManager, tenant: Tenant) => Promise<void>): Promise<TenantRecord> {
    return this.write(async (m) => {
      const tenant = assertSameTenant(ctx.user, await m.findOne(Tenant, { where: { id }, lock: { mode: 'pessimistic_write' } }).then((t) => t && { ...t, tenantId: t.id }), NOT_FOUND);
      const before = (await view(m, id)) as TenantRecord;
      await work(m, tenant);
      const after = (await view(m, id)) as TenantRecord;
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId: id, action, entityType: 'tenant', entityId: id, before: { ...before }, after: { ...after }, reason, sourceIp: ctx.ip }, m);
      return after;
    });
  }

  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return uniqueTransaction(this.dataSource, { constraint: 'uq_tenants_business_name', field: 'businessName', message: 'Nama usaha sudah dipakai mitra lain.' }, work);
  }
}

/** The tenant as the console shows it, with `tenantId` (itself) for the tenant checks; null when missing. */
async function view(m: EntityManager, id: string): Promise<(TenantRecord & { tenantId: string }) | null> {
  const sql = tenantSql(id);
  const [record] = await m.query(sql.text, sql.params);
  return record ? { ...record, tenantId: record.id } : null;
}
