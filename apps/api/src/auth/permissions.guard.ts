import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthenticatedUser } from './authenticated-user';
import { REQUIRED_PERMISSIONS } from './require-permissions.decorator';

/** Global guard after {@link JwtAuthGuard}: refuses callers lacking a permission the route requires. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    const missing = required.filter((permission) => !user?.permissions.includes(permission));
    if (missing.length) throw new ForbiddenException(`Anda tidak berwenang melakukan ini (butuh izin: ${missing.join(', ')}).`);
    return true;
  }
}
