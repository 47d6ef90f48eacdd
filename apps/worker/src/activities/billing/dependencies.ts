import type { DataSource } from 'typeorm';
import type { NetworkEnforcementPort } from '@lunas/network';
import type { NotificationPort } from '../ports/notification.port';
import type { PaymentLinkPort } from '../ports/payment-link.port';

/** What the billing activities run on: the database and the three outside-world ports. */
export interface BillingDependencies {
  dataSource: DataSource;
  notifications: NotificationPort;
  network: NetworkEnforcementPort;
  payLinks: PaymentLinkPort;
}
