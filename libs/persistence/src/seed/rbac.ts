/**
 * Permission catalogue and built-in roles. Roles come from 000 §10 (Admin Billing, Kasir, NOC,
 * Kolektor, Finance, Auditor, Read-only) plus Superadmin and Mitra from 004 "Struktur Role dan Permission".
 */
export const PERMISSIONS = {
  'tenant.read': 'Melihat data mitra',
  'tenant.manage': 'Membuat, mengubah dan menghapus mitra',
  'tenant.bank_account.manage': 'Mengatur rekening bank untuk pembayaran transfer',
  'user.read': 'Melihat pengguna',
  'user.manage': 'Membuat, mengubah dan menonaktifkan pengguna serta perannya',
  'package.read': 'Melihat paket internet',
  'package.manage': 'Membuat, mengubah dan menonaktifkan paket internet',
  'customer.read': 'Melihat pelanggan',
  'customer.create': 'Menambahkan pelanggan',
  'customer.update': 'Mengubah semua data pelanggan',
  'customer.update_contact': 'Mengubah nomor telepon dan diskon pelanggan',
  'customer.delete': 'Menghapus pelanggan',
  'customer.import': 'Import pelanggan dari CSV',
  'customer.export': 'Ekspor data pelanggan',
  'subscription.read': 'Melihat langganan',
  'subscription.manage': 'Mengubah paket, tanggal tagihan dan diskon langganan',
  'subscription.suspend': 'Mengisolir langganan',
  'subscription.unsuspend': 'Membuka isolir langganan',
  'invoice.read': 'Melihat tagihan',
  'invoice.issue': 'Menerbitkan tagihan',
  'invoice.void': 'Membatalkan tagihan',
  'invoice.mark_paid': 'Menandai tagihan lunas atau belum lunas',
  'invoice.export': 'Ekspor tagihan',
  'payment.read': 'Melihat pembayaran',
  'payment.record': 'Mencatat pembayaran tunai atau transfer',
  'payment.refund': 'Mengembalikan dana pembayaran',
  'payment.reconcile': 'Rekonsiliasi pembayaran dan impor mutasi bank',
  'credit_note.manage': 'Menerbitkan nota kredit dan penyesuaian saldo',
  'dunning_policy.read': 'Melihat kebijakan penagihan',
  'dunning_policy.manage': 'Mengubah kebijakan penagihan',
  'notification.read': 'Melihat log notifikasi',
  'notification.send': 'Mengirim pesan WhatsApp manual ke pelanggan',
  'whatsapp.manage': 'Menghubungkan sesi WhatsApp (scan QR)',
  'network.read': 'Melihat log aksi jaringan, sesi aktif dan perangkat jaringan',
  'network.manage': 'Mengelola NAS/router dan profil isolir',
  'report.finance.read': 'Melihat laporan keuangan',
  'report.finance.export': 'Mengunduh rekapan keuangan',
  'audit_log.read': 'Melihat jejak audit',
  'settings.manage': 'Mengatur website, nota dan pengaturan global',
} as const;

export type PermissionCode = keyof typeof PERMISSIONS;

export interface RoleDefinition {
  code: string;
  name: string;
  description: string;
  /** Sees every tenant (superadmin); everyone else is limited to their own tenant. */
  allTenants: boolean;
  permissions: readonly PermissionCode[];
}

const ALL = Object.keys(PERMISSIONS) as PermissionCode[];
const READS = ALL.filter((code) => code.endsWith('.read') && code !== 'audit_log.read');

export const ROLES: readonly RoleDefinition[] = [
  {
    code: 'superadmin',
    name: 'Superadmin',
    description: 'Pemilik platform: semua mitra, semua data, semua pengaturan',
    allTenants: true,
    permissions: ALL,
  },
  {
    code: 'mitra',
    name: 'Mitra',
    description:
      'Admin mitra: mengelola pelanggan sendiri; hanya boleh mengubah nomor telepon dan diskon; ' +
      'tidak bisa mengisolir, import/ekspor pelanggan, mengelola paket, melihat mitra lain atau pengaturan website',
    allTenants: false,
    permissions: [
      'package.read', 'customer.read', 'customer.create', 'customer.update_contact',
      'subscription.read', 'invoice.read', 'invoice.issue', 'invoice.mark_paid', 'payment.read', 'payment.record',
      'report.finance.read', 'report.finance.export', 'whatsapp.manage', 'notification.read',
      'notification.send', 'tenant.bank_account.manage', 'dunning_policy.read',
    ],
  },
  {
    code: 'admin_billing',
    name: 'Admin Billing',
    description: 'Mengelola pelanggan, langganan (termasuk isolir dan buka isolir dengan alasan), tagihan dan kebijakan penagihan; membaca jejak audit',
    allTenants: false,
    // 000 §10 / issue #19: the billing admin's daily loop includes suspending and unsuspending with a reason and
    // checking the audit log afterwards.
    permissions: [
      'package.read', 'customer.read', 'customer.create', 'customer.update', 'customer.update_contact',
      'customer.import', 'customer.export', 'subscription.read', 'subscription.manage', 'subscription.suspend',
      'subscription.unsuspend', 'audit_log.read', 'invoice.read',
      'invoice.issue', 'invoice.void', 'invoice.mark_paid', 'invoice.export', 'payment.read',
      'credit_note.manage', 'dunning_policy.read', 'dunning_policy.manage', 'notification.read',
      'notification.send', 'report.finance.read',
    ],
  },
  {
    code: 'kasir',
    name: 'Kasir',
    description: 'Menerima pembayaran di loket',
    allTenants: false,
    permissions: ['customer.read', 'subscription.read', 'invoice.read', 'invoice.mark_paid', 'payment.read', 'payment.record'],
  },
  {
    code: 'noc',
    name: 'NOC',
    description: 'Operasional jaringan: isolir dan buka isolir',
    allTenants: false,
    permissions: ['customer.read', 'subscription.read', 'subscription.suspend', 'subscription.unsuspend', 'network.read', 'network.manage', 'invoice.read'],
  },
  {
    code: 'kolektor',
    name: 'Kolektor Lapangan',
    description: 'Menagih dan mencatat pembayaran di lapangan',
    allTenants: false,
    permissions: ['customer.read', 'subscription.read', 'invoice.read', 'payment.read', 'payment.record'],
  },
  {
    code: 'finance',
    name: 'Finance',
    description: 'Pembayaran, rekonsiliasi, nota kredit dan laporan keuangan',
    allTenants: false,
    permissions: [
      'customer.read', 'subscription.read', 'invoice.read', 'invoice.void', 'invoice.export', 'payment.read',
      'payment.record', 'payment.refund', 'payment.reconcile', 'credit_note.manage', 'report.finance.read',
      'report.finance.export',
    ],
  },
  {
    code: 'auditor',
    name: 'Auditor',
    description: 'Membaca semua data dan jejak audit, tanpa mengubah',
    allTenants: false,
    permissions: [...READS, 'audit_log.read'],
  },
  {
    code: 'read_only',
    name: 'Read-only',
    description: 'Hanya melihat data',
    allTenants: false,
    permissions: READS,
  },
];
