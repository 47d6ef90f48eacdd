import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerDetail, CustomerRecord, Page, CustomerListItem } from '@lunas/contracts';
import { formatJakartaDateTime, jakartaDateOf } from '@lunas/domain';
import { Customer, Tenant } from '@lunas/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uniqueTransaction } from '../common/unique-transaction';
import { fetchPage } from '../common/list/fetch-page';
import { requirePermission, type RequestContext } from '../auth/request-context';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { validPhone } from '../common/valid-phone';
import { invalidFields } from '../common/validation-message';
import { customerListSql } from './customer-list.sql';
import { customerHistory } from './customer-history';
import type { CreateCustomerDto, ListCustomersQueryDto, UpdateCustomerDto } from './dto/customer-requests.dto';

const NOT_FOUND = 'Pelanggan tidak ditemukan.';
const CODE_TAKEN_CONSTRAINT = 'uq_customers_tenant_code';
/** Fields a holder of `customer.update_contact` alone (a mitra) may change. */
const CONTACT_FIELDS = new Set(['phone', 'email', 'whatsappConsent', 'emailConsent']);
const CODE_PREFIX = 'PLG-';

/** The console's customers: list, create, edit, detail with history, delete (only without history) or deactivate. */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: ListCustomersQueryDto): Promise<Page<CustomerListItem>> {
    const sql = customerListSql(tenantFilter(ctx.user, query.tenantId).tenantId, query);
    return fetchPage(this.dataSource, sql, query);
  }

  async get(ctx: RequestContext, id: string): Promise<CustomerDetail> {
    const customer = await this.find(this.dataSource.manager, ctx, id);
    const history = await customerHistory(this.dataSource.manager, customer.id);
    const deletable = !history.subscriptions.length && !history.invoices.length && !history.payments.length;
    return { customer: await this.record(this.dataSource.manager, customer), ...history, deletable };
  }

  async create(ctx: RequestContext, dto: CreateCustomerDto): Promise<CustomerRecord> {
    const tenantId = ctx.user.isSuperadmin && dto.tenantId ? dto.tenantId : ctx.user.tenantId;
    return this.write(async (m) => {
      const tenant = await m.findOneBy(Tenant, { id: tenantId });
      if (!tenant) throw invalidFields([{ field: 'tenantId', message: 'Mitra tidak ditemukan' }]);
      const row = m.create(Customer, {
        tenantId,
        code: dto.code ?? (await nextCustomerCode(m, tenantId)),
        name: dto.name.trim(),
        phone: validPhone(dto.phone),
        nik: dto.nik ?? null,
        email: dto.email ?? null,
        address: dto.address ?? null,
        whatsappConsent: dto.whatsappConsent,
        emailConsent: dto.emailConsent,
        consentUpdatedAt: new Date(),
        registerDate: dto.registerDate ?? jakartaDateOf(Date.now()),
        notes: dto.notes ?? null,
      });
      await m.save(row);
      const record = await this.record(m, row);
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId, action: 'customer.create', entityType: 'customer', entityId: row.id, after: auditView(record), sourceIp: ctx.ip }, m);
      return record;
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateCustomerDto): Promise<CustomerRecord> {
    const fields = Object.keys(dto).filter((key) => dto[key as keyof UpdateCustomerDto] !== undefined);
    if (!fields.length) throw invalidFields([{ field: 'body', message: 'Tidak ada kolom yang diubah' }]);
    if (fields.some((field) => !CONTACT_FIELDS.has(field))) requirePermission(ctx.user, 'customer.update');
    return this.write(async (m) => {
      const customer = await this.find(m, ctx, id, true);
      const before = await this.record(m, customer);
      if (dto.name !== undefined) customer.name = dto.name.trim();
      if (dto.phone !== undefined) customer.phone = validPhone(dto.phone);
      if (dto.nik !== undefined) customer.nik = dto.nik;
      if (dto.email !== undefined) customer.email = dto.email;
      if (dto.address !== undefined) customer.address = dto.address;
      if (dto.registerDate !== undefined) customer.registerDate = dto.registerDate;
      if (dto.notes !== undefined) customer.notes = dto.notes;
      const consentChanged =
        (dto.whatsappConsent !== undefined && dto.whatsappConsent !== customer.whatsappConsent) ||
        (dto.emailConsent !== undefined && dto.emailConsent !== customer.emailConsent);
      if (dto.whatsappConsent !== undefined) customer.whatsappConsent = dto.whatsappConsent;
      if (dto.emailConsent !== undefined) customer.emailConsent = dto.emailConsent;
      if (consentChanged) customer.consentUpdatedAt = new Date();
      await m.save(customer);
      const after = await this.record(m, customer);
      await this.audit.record(
        { actorUserId: ctx.user.userId, tenantId: customer.tenantId, action: 'customer.update', entityType: 'customer', entityId: id, before: auditView(before), after: auditView(after), sourceIp: ctx.ip },
        m,
      );
      return after;
    });
  }

  /** Deletes a customer without subscriptions, invoices or payments; anything else is deactivated instead (409 says why). */
  async remove(ctx: RequestContext, id: string, reason: string): Promise<void> {
    await this.write(async (m) => {
      const customer = await this.find(m, ctx, id, true);
      const refusal = await deleteRefusal(m, id);
      if (refusal) throw new ConflictException(refusal);
      const before = await this.record(m, customer);
      await m.delete(Customer, { id });
      await this.audit.record(
        { actorUserId: ctx.user.userId, tenantId: customer.tenantId, action: 'customer.delete', entityType: 'customer', entityId: id, before: auditView(before), reason, sourceIp: ctx.ip },
        m,
      );
    });
  }

  /** Deactivates (`active: false`) or reactivates a customer; one with running subscriptions must have them cancelled first. */
  async setActive(ctx: RequestContext, id: string, active: boolean, reason: string): Promise<CustomerRecord> {
    return this.write(async (m) => {
      const customer = await this.find(m, ctx, id, true);
      if (customer.isActive === active) throw new ConflictException(active ? 'Pelanggan ini sudah aktif.' : 'Pelanggan ini sudah nonaktif.');
      if (!active) {
        const [{ running }] = await m.query(`SELECT count(*)::int AS running FROM subscriptions WHERE customer_id = $1 AND status <> 'cancelled'`, [id]);
        if (running) throw new ConflictException(`Pelanggan ini masih punya ${running} langganan berjalan; batalkan langganannya dulu sebelum menonaktifkan.`);
      }
      const before = await this.record(m, customer);
      customer.isActive = active;
      customer.deactivatedAt = active ? null : new Date();
      await m.save(customer);
      const after = await this.record(m, customer);
      await this.audit.record(
        {
          actorUserId: ctx.user.userId, tenantId: customer.tenantId, action: active ? 'customer.activate' : 'customer.deactivate', entityType: 'customer', entityId: id,
          before: auditView(before), after: auditView(after), reason, sourceIp: ctx.ip,
        },
        m,
      );
      return after;
    });
  }

  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return uniqueTransaction(this.dataSource, { constraint: CODE_TAKEN_CONSTRAINT, field: 'code', message: 'Nomor pelanggan sudah dipakai pelanggan lain di mitra ini.' }, work);
  }

  private async find(m: EntityManager, ctx: RequestContext, id: string, lock = false): Promise<Customer> {
    const customer = await m.findOne(Customer, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return assertSameTenant(ctx.user, customer, NOT_FOUND);
  }

  private async record(m: EntityManager, c: Customer): Promise<CustomerRecord> {
    const tenant = await m.findOneByOrFail(Tenant, { id: c.tenantId });
    return {
      id: c.id, tenantId: c.tenantId, area: tenant.businessName, code: c.code, name: c.name, nikMasked: maskNik(c.nik), phone: c.phone, email: c.email,
      address: c.address, whatsappConsent: c.whatsappConsent, emailConsent: c.emailConsent, consentUpdatedAt: iso(c.consentUpdatedAt),
      registerDate: c.registerDate, notes: c.notes, status: c.isActive ? 'active' : 'inactive', deactivatedAt: iso(c.deactivatedAt),
      createdAt: iso(c.createdAt) as string, updatedAt: iso(c.updatedAt) as string,
    };
  }
}

/** Why a customer cannot be deleted (it has history), or null. */
async function deleteRefusal(m: EntityManager, customerId: string): Promise<string | null> {
  const [counts] = await m.query(
    `SELECT (SELECT count(*) FROM invoices WHERE customer_id = $1)::int AS invoices,
            (SELECT count(*) FROM payments WHERE customer_id = $1)::int AS payments,
            (SELECT count(*) FROM subscriptions WHERE customer_id = $1)::int AS subscriptions`,
    [customerId],
  );
  if (counts.invoices || counts.payments) {
    return `Pelanggan tidak bisa dihapus karena punya riwayat keuangan (${counts.invoices} tagihan, ${counts.payments} pembayaran). Nonaktifkan pelanggan ini sebagai gantinya.`;
  }
  if (counts.subscriptions) return `Pelanggan tidak bisa dihapus karena punya ${counts.subscriptions} langganan. Nonaktifkan pelanggan ini sebagai gantinya.`;
  return null;
}

/** The next free `PLG-000001…` number of the tenant (a concurrent taker loses on the unique constraint: 409). */
async function nextCustomerCode(m: EntityManager, tenantId: string): Promise<string> {
  const [{ last }] = await m.query(
    `SELECT coalesce(max(substring(code FROM '^${CODE_PREFIX}([0-9]{1,9})$')::int), 0) AS last FROM customers WHERE tenant_id = $1`,
    [tenantId],
  );
  return `${CODE_PREFIX}${String(Number(last) + 1).padStart(6, '0')}`;
}


/** `3201••••••••0001`: enough to recognise, never the whole number. */
export function maskNik(nik: string | null): string | null {
  if (!nik) return null;
  return nik.length <= 8 ? '•'.repeat(nik.length) : `${nik.slice(0, 4)}${'•'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}

/** The record as the audit log keeps it (the NIK masked, never in clear). */
function auditView(record: CustomerRecord): Record<string, unknown> {
  return { ...record };
}

function iso(date: Date | null): string | null {
  return date ? formatJakartaDateTime(date.getTime()) : null;
}
