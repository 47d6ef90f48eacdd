import { HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { hashToken, RefreshToken, User } from '@lunas/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RetryLaterException, secondsUntil } from '../common/rate-limit/retry-later.exception';
import { grantsOf, type AccessTokenClaims } from './authenticated-user';
import type { SessionDto } from './dto/session.dto';
import { LiveSessions } from './live-sessions';
import { ACCOUNT_LOCKOUT, afterFailedLogin, afterSuccessfulLogin, isLocked, type LoginAttemptState } from './login-lockout';
import { formatWib, LoginThrottle } from './login-throttle';
import { checkPassword } from './password-check';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

const INVALID_CREDENTIALS = 'Nama pengguna atau kata sandi salah.';

/**
 * Login with rate limit and lockouts (per address, per username + address, per account), rotating refresh
 * tokens with reuse detection, and logout. Refresh tokens are random 256-bit strings stored only as SHA-256
 * hashes; their family is the session an access token names (`sid`).
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: LiveSessions,
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<SessionDto> {
    const now = new Date();
    const name = username.trim().toLowerCase();
    this.throttle.admit(name, client.ip, now);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { username: name }, lock: { mode: 'pessimistic_write' } });
      if (!user || !user.isActive) {
        await checkPassword(null, password);
        return { kind: 'invalid' as const, user: null };
      }
      if (isLocked(attemptsOf(user), now)) return { kind: 'locked' as const, user };
      if (!(await checkPassword(user.passwordHash, password))) {
        const next = afterFailedLogin(ACCOUNT_LOCKOUT, attemptsOf(user), now);
        await manager.update(User, user.id, { failedLoginAttempts: next.failedAttempts, lockedUntil: next.lockedUntil, lastFailedLoginAt: next.lastFailedAt });
        await this.audit.record(
          { actorUserId: user.id, tenantId: user.tenantId, action: next.lockedUntil ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, sourceIp: client.ip },
          manager,
        );
        return { kind: next.lockedUntil ? ('locked' as const) : ('invalid' as const), user: { ...user, lockedUntil: next.lockedUntil } };
      }
      const reset = afterSuccessfulLogin();
      await manager.update(User, user.id, { failedLoginAttempts: reset.failedAttempts, lockedUntil: reset.lockedUntil, lastFailedLoginAt: reset.lastFailedAt, lastLoginAt: now });
      await this.audit.record({ actorUserId: user.id, tenantId: user.tenantId, action: 'auth.login', entityType: 'user', entityId: user.id, sourceIp: client.ip }, manager);
      return { kind: 'ok' as const, user, session: await this.issueSession(manager, user, randomUUID(), client) };
    });
    if (outcome.kind === 'locked') {
      const lockedUntil = outcome.user.lockedUntil as Date;
      throw new RetryLaterException(
        `Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi setelah ${formatWib(lockedUntil)} WIB.`,
        secondsUntil(lockedUntil, now),
        HttpStatus.LOCKED,
      );
    }
    if (outcome.kind !== 'ok') {
      this.throttle.failed(name, client.ip, now);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    this.throttle.succeeded(name, client.ip);
    return outcome.session;
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<SessionDto> {
    // The transaction returns the refusal instead of throwing it, so a reuse revocation commits.
    let revokedFamily: string | undefined;
    const outcome = await this.dataSource.transaction(async (manager): Promise<SessionDto | string> => {
      const stored = await manager.findOne(RefreshToken, { where: { tokenHash: hashToken(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!stored) return 'Sesi tidak dikenal. Silakan masuk kembali.';
      if (stored.revokedAt) {
        // A rotated token presented again: someone holds a copy. Revoke the whole family.
        await this.revokeFamily(manager, stored.familyId, 'reuse_detected');
        revokedFamily = stored.familyId;
        return 'Sesi ini sudah tidak berlaku. Silakan masuk kembali.';
      }
      if (stored.expiresAt.getTime() <= Date.now()) return 'Sesi sudah kedaluwarsa. Silakan masuk kembali.';
      const user = await manager.findOne(User, { where: { id: stored.userId }, relations: { roles: { permissions: true } } });
      if (!user || !user.isActive) return 'Akun tidak aktif.';
      const session = await this.issueSession(manager, user, stored.familyId, client);
      const replacement = await manager.findOneByOrFail(RefreshToken, { tokenHash: hashToken(session.refreshToken) });
      await manager.update(RefreshToken, stored.id, { revokedAt: new Date(), revokedReason: 'rotated', replacedById: replacement.id, lastUsedAt: new Date() });
      return session;
    });
    if (revokedFamily) this.sessions.forget(revokedFamily);
    if (typeof outcome === 'string') throw new UnauthorizedException(outcome);
    return outcome;
  }

  /**
   * Ends the caller's session (the access token's family) and the refresh token's family, so both tokens stop
   * working at once; an unknown refresh token is ignored (logout is idempotent).
   */
  async logout(refreshToken: string, actor: { userId: string; tenantId: string; sessionId: string }, client: ClientInfo): Promise<void> {
    const families = await this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOneBy(RefreshToken, { tokenHash: hashToken(refreshToken), userId: actor.userId });
      const ended = [...new Set([actor.sessionId, ...(stored ? [stored.familyId] : [])])];
      for (const familyId of ended) await this.revokeFamily(manager, familyId, 'logout');
      await this.audit.record({ actorUserId: actor.userId, tenantId: actor.tenantId, action: 'auth.logout', entityType: 'user', entityId: actor.userId, sourceIp: client.ip }, manager);
      return ended;
    });
    for (const familyId of families) this.sessions.forget(familyId);
  }

  private async issueSession(manager: EntityManager, user: User, familyId: string, client: ClientInfo): Promise<SessionDto> {
    const withRoles = user.roles?.every((role) => role.permissions)
      ? user
      : await manager.findOneOrFail(User, { where: { id: user.id }, relations: { roles: { permissions: true } } });
    const { roles, permissions, allTenants } = grantsOf(withRoles);
    const claims: AccessTokenClaims = { sub: user.id, username: user.username, tenantId: user.tenantId, roles, permissions, allTenants, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwt.accessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.jwt.refreshTtlSeconds * 1000),
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ipAddress: client.ip,
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: this.config.jwt.accessTtlSeconds,
      user: { id: user.id, username: user.username, tenantId: user.tenantId, roles },
    };
  }

  private async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }
}

function attemptsOf(user: User): LoginAttemptState {
  return { failedAttempts: user.failedLoginAttempts, lockedUntil: user.lockedUntil, lastFailedAt: user.lastFailedLoginAt };
}
