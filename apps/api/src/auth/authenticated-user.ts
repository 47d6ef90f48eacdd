import type { User } from '@lunas/persistence';

/** The caller, as read from a verified access token. */
export interface AuthenticatedUser {
  userId: string;
  username: string;
  tenantId: string;
  roles: string[];
  permissions: string[];
  /** A superadmin sees every tenant; everyone else only their own. */
  isSuperadmin: boolean;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

/** Claims carried in the access token. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  tenantId: string;
  roles: string[];
  permissions: string[];
  /** True when one of the caller's roles spans every tenant (superadmin). */
  allTenants: boolean;
  /** Session id: the refresh-token family; the token is refused once the family is revoked. */
  sid: string;
}

/** What a user's roles grant: their codes, the union of their permissions, and whether one spans every tenant. */
export function grantsOf(user: Pick<User, 'roles'>): { roles: string[]; permissions: string[]; allTenants: boolean } {
  const roles = user.roles ?? [];
  return {
    roles: roles.map((role) => role.code),
    permissions: [...new Set(roles.flatMap((role) => (role.permissions ?? []).map((p) => p.code)))],
    allTenants: roles.some((role) => role.allTenants),
  };
}
