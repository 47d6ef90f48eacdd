import { Routes } from '@angular/router';

export const INVOICE_ROUTES: Routes = [
  { path: '', title: 'Tagihan · Lunas', loadComponent: () => import('./invoice-list.page').then((m) => m.InvoiceListPageComponent) },
  { path: ':id', title: 'Tagihan · Lunas', loadComponent: () => import('./invoice-detail.page').then((m) => m.InvoiceDetailPageComponent) },
];
