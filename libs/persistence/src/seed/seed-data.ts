import { DiscountKind } from '../entities/subscription.entity';

/** 004 "Seed Data (Development)": the superadmin's own business. */
export const PLATFORM_TENANT = { businessName: 'FiberNode Pusat' } as const;

export const SUPERADMIN = { username: 'superadmin', name: 'Super Admin' } as const;

/** Global packages (owned by the platform tenant), price in whole rupiah before PPN. */
export const SEED_PACKAGES = [
  { name: 'Paket 10 Mbps', speed: '10 Mbps', price: 100_000 },
  { name: 'Paket 20 Mbps', speed: '20 Mbps', price: 150_000 },
  { name: 'Paket 30 Mbps', speed: '30 Mbps', price: 200_000 },
  { name: 'Paket 50 Mbps', speed: '50 Mbps', price: 250_000 },
  { name: 'Paket 100 Mbps', speed: '100 Mbps', price: 350_000 },
] as const;

/** Sample mitra (development only), each its own tenant with one `mitra` user. */
export const SEED_MITRAS = [
  { username: 'mitra1', name: 'Budi Santoso', businessName: 'WiFi Sukamaju' },
  { username: 'mitra2', name: 'Siti Rahayu', businessName: 'Net Mekarjaya' },
] as const;

export interface SeedCustomer {
  code: string;
  name: string;
  /** As a person types it; stored in the `62…` form. */
  phone: string;
  ownerBusinessName: string;
  billingDay: number;
  packageName: string;
  discount: { kind: DiscountKind; value: number };
  pppoeUsername: string;
}

/** Sample customers (development only), each with one active subscription. */
export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  {
    code: 'PLG-0001', name: 'Ahmad Fauzi', phone: '0812-3456-7890', ownerBusinessName: 'WiFi Sukamaju',
    billingDay: 5, packageName: 'Paket 10 Mbps', discount: { kind: 'none', value: 0 }, pppoeUsername: 'ahmad.fauzi',
  },
  {
    code: 'PLG-0002', name: 'Dewi Lestari', phone: '+62 898 7654 3210', ownerBusinessName: 'WiFi Sukamaju',
    billingDay: 10, packageName: 'Paket 20 Mbps', discount: { kind: 'fixed', value: 10_000 }, pppoeUsername: 'dewi.lestari',
  },
  {
    code: 'PLG-0001', name: 'Rudi Hartono', phone: '081333444555', ownerBusinessName: 'FiberNode Pusat',
    billingDay: 15, packageName: 'Paket 50 Mbps', discount: { kind: 'none', value: 0 }, pppoeUsername: 'rudi.hartono',
  },
];

/** Fixed so that seeding twice writes identical rows. */
export const SEED_REGISTER_DATE = '2026-01-01';
export const SEED_CONSENT_AT = new Date('2026-01-01T00:00:00+07:00');

/**
 * Development passwords from 004 "Seed Data"; used only when NODE_ENV is not `production` and the
 * matching variable (`LUNAS_SEED_ADMIN_PASSWORD`, `LUNAS_SEED_MITRA_PASSWORD`) is unset.
 */
export const DEV_ADMIN_PASSWORD = 'Admin123!';
export const DEV_MITRA_PASSWORD = 'Mitra123!';
