import type { ListQuery } from './list';

export const PACKAGE_SORT_FIELDS = ['name', 'price', 'createdAt'] as const;

/** `GET /api/v1/packages`: the caller's packages plus the global (platform) ones. `q` searches the name. */
export interface ListPackagesQuery extends ListQuery {
  active?: boolean;
  tenantId?: string;
}

export interface PackageRecord {
  id: string;
  tenantId: string;
  /** True for packages of the platform tenant, offered by every mitra. */
  global: boolean;
  name: string;
  /** Display speed, e.g. `20 Mbps`. */
  speed: string;
  /** Monthly price in rupiah as entered (before PPN when `pricesIncludePpn` is false). */
  price: number;
  /** From the owning tenant's billing settings: whether `price` already includes PPN. */
  pricesIncludePpn: boolean;
  /** The owning tenant's PPN rate in basis points (1100 = 11 %). */
  ppnRateBasisPoints: number;
  description: string | null;
  active: boolean;
  /** Subscriptions (not cancelled) on this package. */
  subscriptionCount: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/v1/packages`. PPN inclusive/exclusive is a setting of the tenant (`PUT /tenants/:id/billing-settings`),
 * shown on each package. A superadmin creates global packages in the platform tenant unless it names `tenantId`.
 */
export interface CreatePackageRequest {
  tenantId?: string;
  name: string;
  speed: string;
  price: number;
  description?: string | null;
  active?: boolean;
}

/**
 * `PATCH /api/v1/packages/:id`. A price change applies from the next billing period of each subscription:
 * invoices already issued keep their amounts.
 */
export type UpdatePackageRequest = Partial<Omit<CreatePackageRequest, 'tenantId'>>;
