import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, PackageRecord } from '@lunas/contracts';
import { InternetPackage, Tenant } from '@lunas/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uniqueTransaction } from '../common/unique-transaction';
import { fetchPage } from '../common/list/fetch-page';
import type { RequestContext } from '../auth/request-context';
import { tenantFilter } from '../auth/tenant-scope';
import { invalidFields } from '../common/validation-message';
import type { CreatePackageDto, ListPackagesQueryDto, UpdatePackageDto } from './dto/package-requests.dto';
import { packageListSql, packageSql } from './package-list.sql';

const NOT_FOUND = 'Paket tidak ditemukan.';
const NAME_TAKEN_CONSTRAINT = 'uq_packages_tenant_name';

/**
 * Internet packages. The worker reads a package's price when it issues an invoice, so a new price applies from each
 * subscription's next invoice and issued invoices keep their amounts.
 */
@Injectable()
export class PackagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: ListPackagesQueryDto): Promise<Page<PackageRecord>> {
    const sql = packageListSql(tenantFilter(ctx.user, query.tenantId).tenantId, query);
    return fetchPage(this.dataSource, sql, query);
  }

  async get(ctx: RequestContext, id: string): Promise<PackageRecord> {
    const record = await view(this.dataSource.manager, id);
    if (!record || !(ctx.user.isSuperadmin || record.global || record.tenantId === ctx.user.tenantId)) throw new NotFoundException(NOT_FOUND);
    return record;
  }

  async create(ctx: RequestContext, dto: CreatePackageDto): Promise<PackageRecord> {
    return this.write(async (m) => {
      const tenantId = ctx.user.isSuperadmin ? (dto.tenantId ?? (await platformTenantId(m))) : ctx.user.tenantId;
      if (!(await m.existsBy(Tenant, { id: tenantId }))) throw invalidFields([{ field: 'tenantId', message: 'Mitra tidak ditemukan' }]);
      const row = await m.save(InternetPackage, m.create(InternetPackage, {
        tenantId, name: dto.name.trim(), speed: dto.speed.trim(), price: dto.price, description: dto.description ?? null, isActive: dto.active ?? true,
      }));
      const record = (await view(m, row.id)) as PackageRecord;
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId, action: 'package.create', entityType: 'package', entityId: row.id, after: { ...record }, sourceIp: ctx.ip }, m);
      return record;
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdatePackageDto): Promise<PackageRecord> {
    if (!Object.values(dto).some((value) => value !== undefined)) throw invalidFields([{ field: 'body', message: 'Tidak ada kolom yang diubah' }]);
    return this.write(async (m) => {
      const row = await m.findOne(InternetPackage, { where: { id }, lock: { mode: 'pessimistic_write' } });
      // Only a superadmin changes the global packages; others only their own tenant's.
      if (!row || !(ctx.user.isSuperadmin || row.tenantId === ctx.user.tenantId)) throw new NotFoundException(NOT_FOUND);
      const before = (await view(m, id)) as PackageRecord;
      await m.update(InternetPackage, id, {
        ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
        ...(dto.speed !== undefined ? { speed: dto.speed.trim() } : {}),
        ...(dto.price !== undefined ? { price: dto.price } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.active !== undefined ? { isActive: dto.active } : {}),
      });
      const after = (await view(m, id)) as PackageRecord;
      await this.audit.record(
        { actorUserId: ctx.user.userId, tenantId: row.tenantId, action: 'package.update', entityType: 'package', entityId: id, before: { ...before }, after: { ...after }, sourceIp: ctx.ip },
        m,
      );
      return after;
    });
  }

  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return uniqueTransaction(this.dataSource, { constraint: NAME_TAKEN_CONSTRAINT, field: 'name', message: 'Nama paket sudah dipakai paket lain.' }, work);
  }
}

async function view(m: EntityManager, id: string): Promise<PackageRecord | undefined> {
  const sql = packageSql(id);
  const [record] = await m.query(sql.text, sql.params);
  return record;
}

async function platformTenantId(m: EntityManager): Promise<string> {
  return (await m.findOneByOrFail(Tenant, { kind: 'platform' })).id;
}
