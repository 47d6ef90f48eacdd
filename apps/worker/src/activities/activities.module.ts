import { type DynamicModule, Module } from '@nestjs/common';
import type { LunasConfig } from '@lunas/config';
import type { DataSource } from 'typeorm';
import { ACTIVITIES } from './activities.token';
import { RadiusNetworkEnforcementAdapter } from './adapters/network/radius-network-enforcement.adapter';
import { LocalNotificationAdapter } from './adapters/local-notification.adapter';
import { LocalPaymentLinkAdapter } from './adapters/local-payment-link.adapter';
import { createBillingActivities } from './billing-activities';
import { networkDriftActivities } from './network/drift';
import { DATA_SOURCE, DataSourceCloser, dataSourceProvider } from './database';
import { NETWORK_ENFORCEMENT_PORT, type NetworkEnforcementPort } from '@lunas/network';
import { NOTIFICATION_PORT, type NotificationPort } from './ports/notification.port';
import { PAYMENT_LINK_PORT, type PaymentLinkPort } from './ports/payment-link.port';

/**
 * The worker's activities: {@link ACTIVITIES} is the billing activities factory applied to the injected ports.
 * Until the WhatsApp and email adapters exist, messages go to a local adapter that records them in `notification_log`.
 * The network port acts through FreeRADIUS and CoA/Disconnect for mitra with a registered NAS, and records the action
 * as simulated for the others.
 */
@Module({})
export class ActivitiesModule {
  static forRoot(config: LunasConfig): DynamicModule {
    return {
      module: ActivitiesModule,
      providers: [
        dataSourceProvider(config),
        DataSourceCloser,
        { provide: NOTIFICATION_PORT, useFactory: (dataSource: DataSource) => new LocalNotificationAdapter(dataSource), inject: [DATA_SOURCE] },
        { provide: NETWORK_ENFORCEMENT_PORT, useFactory: (dataSource: DataSource) => new RadiusNetworkEnforcementAdapter(dataSource), inject: [DATA_SOURCE] },
        { provide: PAYMENT_LINK_PORT, useFactory: () => new LocalPaymentLinkAdapter(config.publicBaseUrl) },
        {
          provide: ACTIVITIES,
          useFactory: (dataSource: DataSource, notifications: NotificationPort, network: NetworkEnforcementPort, payLinks: PaymentLinkPort) =>
            ({ ...createBillingActivities({ dataSource, notifications, network, payLinks }), ...networkDriftActivities({ dataSource, network }) }),
          inject: [DATA_SOURCE, NOTIFICATION_PORT, NETWORK_ENFORCEMENT_PORT, PAYMENT_LINK_PORT],
        },
      ],
      exports: [ACTIVITIES],
    };
  }
}
