import { IdentityAndAccess1763800000000 } from './1763800000000-identity-and-access';
import { CustomersAndCatalog1763800001000 } from './1763800001000-customers-and-catalog';
import { BillingAndPayments1763800002000 } from './1763800002000-billing-and-payments';
import { DunningAndMessaging1763800003000 } from './1763800003000-dunning-and-messaging';
import { PaymentSignalsAndBankImports1763800005000 } from './1763800005000-payment-signals-and-bank-imports';
import { PaymentEventBooking1763800006000 } from './1763800006000-payment-event-booking';
import { PaymentSignalKinds1763800007000 } from './1763800007000-payment-signal-kinds';
import { GatewayAccountBinding1763800008000 } from './1763800008000-gateway-account-binding';
import { SessionRevocation1763800011000 } from './1763800011000-session-revocation';
import { RedactWebhookSecrets1763800011100 } from './1763800011100-redact-webhook-secrets';
import { TenantPpn1763800012000 } from './1763800012000-tenant-ppn';
import { SimulatedEffects1763800013000 } from './1763800013000-simulated-effects';
import { OperatorNotifications1763800013100 } from './1763800013100-operator-notifications';
import { TenantActivationBilling1763800014000 } from './1763800014000-tenant-activation-billing';
import { InvoiceGenerationJobs1763800015000 } from './1763800015000-invoice-generation-jobs';
import { CustomerCredit1763800016000 } from './1763800016000-customer-credit';
import { IdempotencyKeys1763800018000 } from './1763800018000-idempotency-keys';
import { Console1763800022000 } from './1763800022000-console';
import { NetworkEnforcement1763800024000 } from './1763800024000-network-enforcement';
import { CustomerMessaging1763800025000 } from './1763800025000-customer-messaging';
import { ReportsImportSettings1763800026000 } from './1763800026000-reports-import-settings';
import { ConsoleListSpeed1763800028000 } from './1763800028000-console-list-speed';
import { OneSettingsSource1763800029000 } from './1763800029000-one-settings-source';
import { OpenInvoicesIndex1763800029100 } from './1763800029100-open-invoices-index';
import { PaymentEventTraceParent1763800030000 } from './1763800030000-payment-event-trace-parent';

/** Hand-written migrations in the order they run. Never use `synchronize`. */
export const MIGRATIONS = [
  IdentityAndAccess1763800000000,
  CustomersAndCatalog1763800001000,
  BillingAndPayments1763800002000,
  DunningAndMessaging1763800003000,
  PaymentSignalsAndBankImports1763800005000,
  PaymentEventBooking1763800006000,
  PaymentSignalKinds1763800007000,
  GatewayAccountBinding1763800008000,
  SessionRevocation1763800011000,
  RedactWebhookSecrets1763800011100,
  TenantPpn1763800012000,
  SimulatedEffects1763800013000,
  OperatorNotifications1763800013100,
  TenantActivationBilling1763800014000,
  InvoiceGenerationJobs1763800015000,
  CustomerCredit1763800016000,
  IdempotencyKeys1763800018000,
  Console1763800022000,
  NetworkEnforcement1763800024000,
  CustomerMessaging1763800025000,
  ReportsImportSettings1763800026000,
  ConsoleListSpeed1763800028000,
  OneSettingsSource1763800029000,
  OpenInvoicesIndex1763800029100,
  PaymentEventTraceParent1763800030000,
];
