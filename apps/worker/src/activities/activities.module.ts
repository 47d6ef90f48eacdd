import { type DynamicModule, Module } from '@nestjs/common';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { tracedPort } from '@lunas/observability';
import { NETWORK_ENFORCEMENT_PORT, type NetworkEnforcementPort } from '@lunas/network';
import type { DataSource } from 'typeorm';
import { ACTIVITIES, MESSAGING_ACTIVITIES } from './activities.token';
import { LocalNotificationAdapter } from './adapters/local-notification.adapter';
import { LocalPaymentLinkAdapter } from './adapters/local-payment-link.adapter';
import { MessagingNotificationAdapter } from './adapters/messaging-notification.adapter';
import { DeviceMethodNetworkEnforcement } from './adapters/network/device-method-network-enforcement';
import { RadiusNetworkEnforcementAdapter } from './adapters/network/radius-network-enforcement.adapter';
import { RouterOsNetworkEnforcementAdapter } from './adapters/network/routeros-network-enforcement.adapter';
import { createBillingActivities } from './billing-activities';
import { DATA_SOURCE, DataSourceCloser, dataSourceProvider } from './database';
import { invoicePdfSource } from './messaging/invoice-pdf';
import { createMessagingActivities } from './messaging/messaging-activities';
import { MessagingResources } from './messaging/messaging-resources';
import { networkDriftActivities } from './network/drift';
import { NOTIFICATION_PORT, type NotificationPort } from './ports/notification.port';
import { PAYMENT_LINK_PORT, type PaymentLinkPort } from './ports/payment-link.port';

/**
 * The worker's activities: {@link ACTIVITIES} is the billing activities factory applied to the injected ports.
 * Customer messages go through the real channels (WhatsApp through Baileys or the WhatsApp sandbox, email over SMTP)
 * in production and whenever a channel is configured (`SMTP_URL`, `WHATSAPP_SANDBOX_URL`, as `npm start` does); with
 * none, outside production, the local stand-in records them as `simulated`. The network port acts by the mitra's
 * registered devices: FreeRADIUS and CoA/Disconnect for a RADIUS NAS, the RouterOS API for RouterOS-API routers, and
 * records the action as simulated for a mitra without any. With traces on, each call through these two ports is a
 * client span inside its activity's span.
 */
@Module({})
export class ActivitiesModule {
  static forRoot(config: LunasConfig): DynamicModule {
    const realMessaging = config.env === 'production' || Boolean(config.messaging.smtpUrl || config.messaging.whatsappSandboxUrl);
    return {
      module: ActivitiesModule,
      providers: [
        dataSourceProvider(config),
        DataSourceCloser,
        { provide: LUNAS_CONFIG, useValue: config },
        MessagingResources,
        {
          provide: NOTIFICATION_PORT,
          useFactory: (dataSource: DataSource, resources: MessagingResources) =>
            tracedPort('notification', realMessaging
              ? new MessagingNotificationAdapter(dataSource, resources.channels, invoicePdfSource(resources.pdfRenderer, config.publicBaseUrl))
              : new LocalNotificationAdapter(dataSource)),
          inject: [DATA_SOURCE, MessagingResources],
        },
        {
          provide: NETWORK_ENFORCEMENT_PORT,
          useFactory: (dataSource: DataSource) =>
            tracedPort('network', new DeviceMethodNetworkEnforcement(dataSource, new RadiusNetworkEnforcementAdapter(dataSource), new RouterOsNetworkEnforcementAdapter(dataSource))),
          inject: [DATA_SOURCE],
        },
        { provide: PAYMENT_LINK_PORT, useFactory: () => new LocalPaymentLinkAdapter(config.publicBaseUrl) },
        {
          provide: ACTIVITIES,
          useFactory: (dataSource: DataSource, notifications: NotificationPort, network: NetworkEnforcementPort, payLinks: PaymentLinkPort) =>
            ({ ...createBillingActivities({ dataSource, notifications, network, payLinks }), ...networkDriftActivities({ dataSource, network }) }),
          inject: [DATA_SOURCE, NOTIFICATION_PORT, NETWORK_ENFORCEMENT_PORT, PAYMENT_LINK_PORT],
        },
        {
          provide: MESSAGING_ACTIVITIES,
          useFactory: (dataSource: DataSource, notifications: NotificationPort) => createMessagingActivities(dataSource, notifications),
          inject: [DATA_SOURCE, NOTIFICATION_PORT],
        },
      ],
      exports: [ACTIVITIES, MESSAGING_ACTIVITIES],
    };
  }
}
