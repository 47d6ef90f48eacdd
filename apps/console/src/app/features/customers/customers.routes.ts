import { Routes } from '@angular/router';

export const CUSTOMER_ROUTES: Routes = [
  { path: '', title: 'Pelanggan · Lunas', loadComponent: () => import('./customer-list.page').then((m) => m.CustomerListPageComponent) },
  { path: 'baru', title: 'Tambah pelanggan · Lunas', loadComponent: () => import('./customer-form.page').then((m) => m.CustomerFormPageComponent) },
  { path: ':id', title: 'Pelanggan · Lunas', loadComponent: () => import('./customer-detail.page').then((m) => m.CustomerDetailPageComponent) },
  { path: ':id/ubah', title: 'Ubah pelanggan · Lunas', loadComponent: () => import('./customer-form.page').then((m) => m.CustomerFormPageComponent) },
];
