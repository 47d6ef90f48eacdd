import { SetMetadata } from '@nestjs/common';
import type { PermissionCode } from '@lunas/persistence';

export const REQUIRED_PERMISSIONS = 'lunas:requiredPermissions';

/** The caller needs every listed permission (checked on the server by {@link PermissionsGuard}). */
export const RequirePermissions = (...permissions: PermissionCode[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);
