import { NotFoundException } from '@nestjs/common';
import { Tenant } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * The tenant filter for the caller's queries: a superadmin sees every tenant (optionally narrowed to
 * one), everyone else only their own, whatever they ask for.
 */
export function tenantFilter(user: AuthenticatedUser, requestedTenantId?: string): { tenantId?: string } {
  if (user.isSuperadmin) return requestedTenantId ? { tenantId: requestedTenantId } : {};
  return { tenantId: user.tenantId };
}

/**
 * Refuses a record of another tenant as if it did not exist (404, so ids of other tenants leak nothing).
 */
export function assertSameTenant<T extends { tenantId: string }>(user: AuthenticatedUser, record: T | null, notFoundMessage: string): T {
  if (!record || (!user.isSuperadmin && record.tenantId !== user.tenantId)) throw new NotFoundException(notFoundMessage);
  return record;
}

/** The tenant if the caller may reach it (locked for update when asked); 404 "Mitra tidak ditemukan." otherwise. */
export async function reachableTenant(m: EntityManager, user: AuthenticatedUser, tenantId: string, forUpdate = false): Promise<Tenant> {
  const tenant = await m.findOne(Tenant, { where: { id: tenantId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!tenant || (!user.isSuperadmin && tenant.id !== user.tenantId)) throw new NotFoundException('Mitra tidak ditemukan.');
  return tenant;
}
