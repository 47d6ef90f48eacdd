import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { AccessTokenClaims, AuthenticatedUser } from './authenticated-user';
import { LiveSessions } from './live-sessions';
import { IS_PUBLIC } from './public.decorator';

const SESSION_ENDED = 'Sesi Anda sudah berakhir. Silakan masuk kembali.';

/**
 * Global guard: every route needs a valid access token unless marked {@link Public}; the token's session must
 * still stand ({@link LiveSessions}: not logged out, user active).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService, private readonly sessions: LiveSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Silakan masuk terlebih dahulu.');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException(SESSION_ENDED);
    }
    if (typeof claims.sid !== 'string' || !(await this.sessions.isLive(claims.sid, claims.sub))) throw new UnauthorizedException(SESSION_ENDED);
    request.user = {
      userId: claims.sub,
      username: claims.username,
      tenantId: claims.tenantId,
      roles: claims.roles,
      permissions: claims.permissions,
      isSuperadmin: claims.allTenants,
      sessionId: claims.sid,
    };
    return true;
  }
}
