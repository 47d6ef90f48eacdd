import { Routes } from '@angular/router';

export const SUBSCRIPTION_ROUTES: Routes = [
  { path: '', title: 'Langganan · Lunas', loadComponent: () => import('./subscription-list.page').then((m) => m.SubscriptionListPageComponent) },
  { path: 'baru', title: 'Tambah langganan · Lunas', loadComponent: () => import('./subscription-create.page').then((m) => m.SubscriptionCreatePageComponent) },
  { path: ':id', title: 'Langganan · Lunas', loadComponent: () => import('./subscription-detail.page').then((m) => m.SubscriptionDetailPageComponent) },
];
