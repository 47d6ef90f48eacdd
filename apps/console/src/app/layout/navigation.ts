export interface NavigationItem {
  path: string;
  label: string;
}

/** The console's sections, in the order the side navigation shows them. */
export const NAVIGATION: readonly NavigationItem[] = [
  { path: '/', label: 'Beranda' },
  { path: '/pelanggan', label: 'Pelanggan' },
  { path: '/langganan', label: 'Langganan' },
  { path: '/tagihan', label: 'Tagihan' },
  { path: '/pembayaran', label: 'Pembayaran' },
  { path: '/kebijakan-penagihan', label: 'Kebijakan Penagihan' },
  { path: '/laporan', label: 'Laporan Keuangan' },
  { path: '/impor-pelanggan', label: 'Impor Pelanggan' },
  { path: '/pengaturan', label: 'Pengaturan' },
];
