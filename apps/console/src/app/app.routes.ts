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
      comingSoon('pelanggan', 'Pelanggan'),
      comingSoon('langganan', 'Langganan'),
      comingSoon('tagihan', 'Tagihan'),
      comingSoon('pembayaran', 'Pembayaran'),
      comingSoon('kebijakan-penagihan', 'Kebijakan Penagihan'),
      {
        path: 'whatsapp',
        title: 'WhatsApp & Pesan · Lunas',
        loadComponent: () => import('./features/messaging/messaging-page.component').then((m) => m.MessagingPageComponent),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
