import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import type { Page, RoleRecord, UserRecord } from '@lunas/contracts';
import { PERMISSIONS, RefreshToken, Role, ROLES, Tenant, User, type PermissionCode } from '@lunas/persistence';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { uniqueTransaction } from '../common/unique-transaction';
import { fetchPage } from '../common/list/fetch-page';
import type { RequestContext } from '../auth/request-context';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { validOptionalPhone } from '../common/valid-phone';
import { invalidFields } from '../common/validation-message';
import type { AssignRolesDto, CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user-requests.dto';
import { userListSql, userSql } from './user-list.sql';

const NOT_FOUND = 'Pengguna tidak ditemukan.';

/** Console users: list, create, edit, roles, disable/enable, password reset. Every change audited; no one changes themself. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: ListUsersQueryDto): Promise<Page<UserRecord>> {
    const sql = userListSql(tenantFilter(ctx.user, query.tenantId).tenantId, query);
    return fetchPage(this.dataSource, sql, query);
  }

  async get(ctx: RequestContext, id: string): Promise<UserRecord> {
    return assertSameTenant(ctx.user, (await view(this.dataSource.manager, id)) ?? null, NOT_FOUND);
  }

  /** The built-in roles with their permissions (read-only). */
  roles(): RoleRecord[] {
    return ROLES.map((role) => ({
      code: role.code, name: role.name, description: role.description, allTenants: role.allTenants,
      permissions: role.permissions.map((code) => ({ code, description: PERMISSIONS[code as PermissionCode] })),
    }));
  }

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserRecord> {
    const tenantId = ctx.user.isSuperadmin && dto.tenantId ? dto.tenantId : ctx.user.tenantId;
    return this.write(async (m) => {
      if (!(await m.existsBy(Tenant, { id: tenantId }))) throw invalidFields([{ field: 'tenantId', message: 'Mitra tidak ditemukan' }]);
      const roles = await grantableRoles(m, ctx, dto.roles);
      const user = await m.save(User, m.create(User, {
        tenantId, username: dto.username, name: dto.name.trim(), phone: validOptionalPhone(dto.phone), passwordHash: await hash(dto.password),
      }));
      await m.createQueryBuilder().relation(User, 'roles').of(user).add(roles);
      const after = (await view(m, user.id)) as UserRecord;
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId, action: 'user.create', entityType: 'user', entityId: user.id, after: { ...after }, sourceIp: ctx.ip }, m);
      return after;
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserRecord> {
    if (dto.name === undefined && dto.phone === undefined) throw invalidFields([{ field: 'body', message: 'Tidak ada kolom yang diubah' }]);
    return this.change(ctx, id, 'user.update', null, async (m) => {
      await m.update(User, id, { ...(dto.name !== undefined ? { name: dto.name.trim() } : {}), ...(dto.phone !== undefined ? { phone: validOptionalPhone(dto.phone) } : {}) });
    });
  }

  /** Replaces the user's roles and ends their sessions, so that the new permissions apply at the next login. */
  async assignRoles(ctx: RequestContext, id: string, dto: AssignRolesDto): Promise<UserRecord> {
    return this.change(ctx, id, 'user.roles.assign', dto.reason, async (m, user) => {
      const roles = await grantableRoles(m, ctx, dto.roles);
      await m.query(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
      await m.createQueryBuilder().relation(User, 'roles').of(user).add(roles);
      await m.update(RefreshToken, { userId: id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'roles_changed' });
    });
  }

  /** Disables or enables a user; disabling ends their sessions at once (database trigger). */
  async setActive(ctx: RequestContext, id: string, active: boolean, reason: string): Promise<UserRecord> {
    return this.change(ctx, id, active ? 'user.enable' : 'user.disable', reason, async (m, user) => {
      if (user.isActive === active) throw new ConflictException(active ? 'Pengguna ini sudah aktif.' : 'Pengguna ini sudah nonaktif.');
      await m.update(User, id, { isActive: active, ...(active ? { failedLoginAttempts: 0, lockedUntil: null } : {}) });
    });
  }

  /** Sets a new password (the person tells the user), unlocks the account and ends their sessions (database trigger). */
  async resetPassword(ctx: RequestContext, id: string, password: string, reason: string): Promise<UserRecord> {
    return this.change(ctx, id, 'user.password.reset', reason, async (m) => {
      await m.update(User, id, { passwordHash: await hash(password), failedLoginAttempts: 0, lockedUntil: null });
    });
  }

  /** One audited change of another user of the caller's tenant (or any, superadmin), in one transaction. */
  private async change(
    ctx: RequestContext, id: string, action: string, reason: string | null, work: (m: EntityManager, user: User) => Promise<void>,
  ): Promise<UserRecord> {
    if (id === ctx.user.userId) throw new ForbiddenException('Anda tidak bisa mengubah akun Anda sendiri di sini; minta admin lain.');
    return this.write(async (m) => {
      const user = assertSameTenant(ctx.user, await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } }), NOT_FOUND);
      if (!ctx.user.isSuperadmin && (await holdsAllTenantRole(m, id))) throw new NotFoundException(NOT_FOUND);
      const before = (await view(m, id)) as UserRecord;
      await work(m, user);
      const after = (await view(m, id)) as UserRecord;
      await this.audit.record({ actorUserId: ctx.user.userId, tenantId: user.tenantId, action, entityType: 'user', entityId: id, before: { ...before }, after: { ...after }, reason, sourceIp: ctx.ip }, m);
      return after;
    });
  }

  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return uniqueTransaction(this.dataSource, { constraint: 'uq_users_username', field: 'username', message: 'Username sudah dipakai.' }, work);
  }
}

/** The roles named, refusing unknown codes (400) and, for anyone but a superadmin, roles that span every tenant (403). */
async function grantableRoles(m: EntityManager, ctx: RequestContext, codes: string[]): Promise<Role[]> {
  const roles = await m.findBy(Role, { code: In(codes) });
  const unknown = codes.filter((code) => !roles.some((role) => role.code === code));
  if (unknown.length) throw invalidFields([{ field: 'roles', message: `Peran tidak dikenal: ${unknown.join(', ')}` }]);
  if (!ctx.user.isSuperadmin && roles.some((role) => role.allTenants)) throw new ForbiddenException('Hanya superadmin yang boleh memberi peran superadmin.');
  return roles;
}

async function holdsAllTenantRole(m: EntityManager, userId: string): Promise<boolean> {
  const [row] = await m.query(`SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = $1 AND r.all_tenants) AS yes`, [userId]);
  return row.yes;
}

async function view(m: EntityManager, id: string): Promise<UserRecord | undefined> {
  const sql = userSql(id);
  const [record] = await m.query(sql.text, sql.params);
  return record;
}

