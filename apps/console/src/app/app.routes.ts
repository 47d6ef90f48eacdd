import { Routes } from '@angular/router';
import { redirectSignedIn, requireSignedIn, SIGN_IN_PATH } from './core/auth/auth.guards';
import { ComingSoonPageComponent } from './features/coming-soon/coming-soon-page.component';

const comingSoon = (path: string, heading: string) => ({
  path,
  title: `${heading} · Lunas`,
  component: ComingSoonPageComponent,
  data: { heading },
});

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
      comingSoon('pelanggan', 'Pelanggan'),
      comingSoon('langganan', 'Langganan'),
      comingSoon('tagihan', 'Tagihan'),
      comingSoon('pembayaran', 'Pembayaran'),
      comingSoon('kebijakan-penagihan', 'Kebijakan Penagihan'),
    ],
  },
  { path: '**', redirectTo: '' },
];
