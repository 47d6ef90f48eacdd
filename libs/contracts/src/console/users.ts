import type { ListQuery } from './list';

export const USER_SORT_FIELDS = ['username', 'name', 'createdAt', 'lastLoginAt'] as const;

/** `GET /api/v1/users`: `q` searches username and name. */
export interface ListUsersQuery extends ListQuery {
  active?: boolean;
  roleCode?: string;
  tenantId?: string;
}

export interface UserRecord {
  id: string;
  tenantId: string;
  tenantName: string;
  username: string;
  name: string;
  phone: string | null;
  active: boolean;
  /** Role codes. */
  roles: string[];
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** `POST /api/v1/users`. Password: at least 10 characters with letters and digits (the server's password check). */
export interface CreateUserRequest {
  tenantId?: string;
  username: string;
  name: string;
  phone?: string | null;
  password: string;
  roles: string[];
}

/** `PATCH /api/v1/users/:id`. */
export interface UpdateUserRequest {
  name?: string;
  phone?: string | null;
}

/** `PUT /api/v1/users/:id/roles`. Only a superadmin may grant `superadmin`. */
export interface AssignRolesRequest {
  roles: string[];
  reason: string;
}

/** `POST /api/v1/users/:id/disable` and `/enable`: a disabled user's sessions are revoked at once. */
export interface UserReasonRequest {
  reason: string;
}

/** `POST /api/v1/users/:id/reset-password`: sets a new password and revokes the user's sessions. */
export interface ResetPasswordRequest {
  password: string;
  reason: string;
}

export interface PermissionRecord {
  code: string;
  description: string;
}

/** `GET /api/v1/roles`: the built-in roles (read-only). */
export interface RoleRecord {
  code: string;
  name: string;
  description: string;
  allTenants: boolean;
  permissions: PermissionRecord[];
}
