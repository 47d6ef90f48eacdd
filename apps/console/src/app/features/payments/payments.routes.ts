import { Routes } from '@angular/router';

export const PAYMENT_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./payments-shell.page').then((m) => m.PaymentsShellPageComponent),
    children: [
      { path: '', title: 'Pembayaran · Lunas', loadComponent: () => import('./payment-list.page').then((m) => m.PaymentListPageComponent) },
      { path: 'kasir', title: 'Kasir · Lunas', loadComponent: () => import('./kasir.page').then((m) => m.KasirPageComponent) },
      { path: 'rekonsiliasi', title: 'Rekonsiliasi · Lunas', loadComponent: () => import('./reconciliation-queue.page').then((m) => m.ReconciliationQueuePageComponent) },
      { path: 'impor-mutasi', title: 'Impor mutasi bank · Lunas', loadComponent: () => import('./bank-import.page').then((m) => m.BankImportPageComponent) },
    ],
  },
];
