import { Adjustment } from './adjustment.entity';
import { AuditLog } from './audit-log.entity';
import { BankImport } from './bank-import.entity';
import { CreditAllocation } from './credit-allocation.entity';
import { CreditNote } from './credit-note.entity';
import { Customer } from './customer.entity';
import { DunningPolicy } from './dunning-policy.entity';
import { InvoiceItem } from './invoice-item.entity';
import { InvoiceNumberSequence } from './invoice-number-sequence.entity';
import { Invoice } from './invoice.entity';
import { InboundMessage, MessageTemplate, MessagingSettings, WhatsappAuthKey } from './messaging.entity';
import { NetworkActionLog } from './network-action-log.entity';
import { NetworkDevice } from './network-device.entity';
import { NotificationLog } from './notification-log.entity';
import { OperatorNotification, OperatorNotificationRead } from './operator-notification.entity';
import { InternetPackage } from './package.entity';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentEvent } from './payment-event.entity';
import { PaymentSignal } from './payment-signal.entity';
import { Payment } from './payment.entity';
import { Permission } from './permission.entity';
import { RefreshToken } from './refresh-token.entity';
import { Role } from './role.entity';
import { Setting } from './setting.entity';
import { Subscription } from './subscription.entity';
import { TenantNetworkSettings } from './tenant-network-settings.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { WhatsappSession } from './whatsapp-session.entity';

export * from './adjustment.entity';
export * from './messaging.entity';
export * from './audit-log.entity';
export * from './bank-import.entity';
export * from './credit-allocation.entity';
export * from './credit-note.entity';
export * from './customer.entity';
export * from './dunning-policy.entity';
export * from './invoice-item.entity';
export * from './invoice-number-sequence.entity';
export * from './invoice.entity';
export * from './network-action-log.entity';
export * from './network-device.entity';
export * from './notification-log.entity';
export * from './operator-notification.entity';
export * from './package.entity';
export * from './payment-allocation.entity';
export * from './payment-event.entity';
export * from './payment-signal.entity';
export * from './payment.entity';
export * from './permission.entity';
export * from './refresh-token.entity';
export * from './role.entity';
export * from './setting.entity';
export * from './subscription.entity';
export * from './tenant-network-settings.entity';
export * from './tenant.entity';
export * from './user.entity';
export * from './whatsapp-session.entity';

/** Every entity of the schema, for the DataSource (and for `TypeOrmModule.forFeature`). */
export const ENTITIES = [
  Tenant, User, Role, Permission, RefreshToken, Setting, AuditLog,
  InternetPackage, Customer, Subscription,
  InvoiceNumberSequence, Invoice, InvoiceItem, Payment, PaymentAllocation, PaymentEvent, PaymentSignal, CreditNote, CreditAllocation, Adjustment, BankImport,
  DunningPolicy, NotificationLog, NetworkActionLog, WhatsappSession, OperatorNotification, OperatorNotificationRead,
  NetworkDevice, TenantNetworkSettings,
  MessageTemplate, MessagingSettings, WhatsappAuthKey, InboundMessage,
];
