export interface NavigationItem {
  path: string;
  label: string;
  /** Shown only to operators holding this permission (the API refuses the others anyway); absent: everyone. */
  permission?: string;
  /** Shown only to the superadmin (every mitra). */
  superadminOnly?: boolean;
}

/** The console's sections, in the order the side navigation shows them. */
export const NAVIGATION: readonly NavigationItem[] = [
  { path: '/', label: 'Beranda' },
  { path: '/pelanggan', label: 'Pelanggan', permission: 'customer.read' },
  { path: '/langganan', label: 'Langganan', permission: 'subscription.read' },
  { path: '/tagihan', label: 'Tagihan', permission: 'invoice.read' },
  { path: '/pembayaran', label: 'Pembayaran', permission: 'payment.read' },
  { path: '/paket', label: 'Paket', permission: 'package.read' },
  { path: '/kebijakan-penagihan', label: 'Kebijakan Penagihan', permission: 'dunning_policy.read' },
  { path: '/pengguna', label: 'Pengguna & Peran', permission: 'user.read' },
  { path: '/mitra', label: 'Mitra', superadminOnly: true },
  { path: '/jejak-audit', label: 'Jejak Audit', permission: 'audit_log.read' },
  { path: '/jaringan', label: 'Jaringan', permission: 'network.read' },
  { path: '/whatsapp', label: 'WhatsApp & Pesan', permission: 'notification.read' },
  { path: '/laporan', label: 'Laporan Keuangan', permission: 'report.finance.read' },
  { path: '/impor-pelanggan', label: 'Impor Pelanggan', permission: 'customer.import' },
  { path: '/pengaturan', label: 'Pengaturan', permission: 'tenant.read' },
];

/** The items an operator with these grants sees. */
export function visibleNavigation(
  items: readonly NavigationItem[],
  can: (permission: string) => boolean,
  isSuperadmin: boolean,
): NavigationItem[] {
  return items.filter((item) => (!item.superadminOnly || isSuperadmin) && (!item.permission || can(item.permission)));
}
