import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedUser } from './authenticated-user';

/** Who asks and from where: what a write needs for its audit row. */
export interface RequestContext {
  user: AuthenticatedUser;
  ip: string | null;
}

export function requestContext(user: AuthenticatedUser, request: Request): RequestContext {
  return { user, ip: request.ip ?? null };
}

/** Refuses (403) a caller without the permission, for checks that depend on the request's content. */
export function requirePermission(user: AuthenticatedUser, permission: string): void {
  if (!user.permissions.includes(permission)) {
    throw new ForbiddenException(`Anda tidak berwenang melakukan ini (butuh izin: ${permission}).`);
  }
}
