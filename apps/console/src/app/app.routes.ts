import { Routes } from '@angular/router';
import { redirectSignedIn, requireSignedIn, SIGN_IN_PATH } from './core/auth/auth.guards';

export const APP_ROUTES: Routes = [
  {
    path: SIGN_IN_PATH,
    title: 'Masuk · Lunas',
    canActivate: [redirectSignedIn],
    loadComponent: () => import('./features/auth/login-page.component').then((m) => m.LoginPageComponent),
  },
  {
    path: '',
    canActivate: [requireSignedIn],
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Beranda · Lunas',
        loadComponent: () => import('./features/dashboard/dashboard-page.component').then((m) => m.DashboardPageComponent),
      },
      { path: 'pelanggan', loadChildren: () => import('./features/customers/customers.routes').then((m) => m.CUSTOMER_ROUTES) },
      { path: 'langganan', loadChildren: () => import('./features/subscriptions/subscriptions.routes').then((m) => m.SUBSCRIPTION_ROUTES) },
      { path: 'tagihan', loadChildren: () => import('./features/invoices/invoices.routes').then((m) => m.INVOICE_ROUTES) },
      { path: 'pembayaran', loadChildren: () => import('./features/payments/payments.routes').then((m) => m.PAYMENT_ROUTES) },
      { path: 'paket', title: 'Paket · Lunas', loadComponent: () => import('./features/packages/package-list.page').then((m) => m.PackageListPageComponent) },
      {
        path: 'kebijakan-penagihan',
        title: 'Kebijakan Penagihan · Lunas',
        loadComponent: () => import('./features/dunning-policies/policy-editor.page').then((m) => m.PolicyEditorPageComponent),
      },
      { path: 'pengguna', title: 'Pengguna & Peran · Lunas', loadComponent: () => import('./features/users/user-list.page').then((m) => m.UserListPageComponent) },
      { path: 'mitra', title: 'Mitra · Lunas', loadComponent: () => import('./features/tenants/tenant-list.page').then((m) => m.TenantListPageComponent) },
      { path: 'jejak-audit', title: 'Jejak Audit · Lunas', loadComponent: () => import('./features/audit-log/audit-log.page').then((m) => m.AuditLogPageComponent) },
      {
        path: 'jaringan',
        title: 'Jaringan · Lunas',
        loadComponent: () => import('./features/network/network-page.component').then((m) => m.NetworkPageComponent),
      },
      {
        path: 'whatsapp',
        title: 'WhatsApp & Pesan · Lunas',
        loadComponent: () => import('./features/messaging/messaging-page.component').then((m) => m.MessagingPageComponent),
      },
      {
        path: 'laporan',
        pathMatch: 'full',
        redirectTo: 'laporan/aging',
      },
      {
        path: 'laporan/:kind',
        title: 'Laporan Keuangan · Lunas',
        loadComponent: () => import('./features/reports/reports-page.component').then((m) => m.ReportsPageComponent),
      },
      {
        path: 'impor-pelanggan',
        title: 'Impor Pelanggan · Lunas',
        loadComponent: () => import('./features/customer-import/customer-import-page.component').then((m) => m.CustomerImportPageComponent),
      },
      {
        path: 'pengaturan',
        title: 'Pengaturan · Lunas',
        loadComponent: () => import('./features/settings/settings-page.component').then((m) => m.SettingsPageComponent),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
