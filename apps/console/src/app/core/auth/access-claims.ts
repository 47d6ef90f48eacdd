/** What the console reads from the API's access token: the caller's permissions and whether they see every mitra. */
export interface AccessGrants {
  permissions: readonly string[];
  allTenants: boolean;
}

const NO_GRANTS: AccessGrants = { permissions: [], allTenants: false };

/**
 * Reads the grants from the access token's payload (a JWT). Only to hide what the operator may not do: the API checks
 * every call itself, so an unreadable token just shows nothing.
 */
export function grantsOfAccessToken(token: string | null | undefined): AccessGrants {
  const payload = token?.split('.')[1];
  if (!payload) {
    return NO_GRANTS;
  }
  try {
    const claims = JSON.parse(decodeBase64Url(payload)) as { permissions?: unknown; allTenants?: unknown };
    const permissions = Array.isArray(claims.permissions) ? claims.permissions.filter((p): p is string => typeof p === 'string') : [];
    return { permissions, allTenants: claims.allTenants === true };
  } catch {
    return NO_GRANTS;
  }
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
