import { IdentityAndAccess1763800000000 } from './1763800000000-identity-and-access';
import { CustomersAndCatalog1763800001000 } from './1763800001000-customers-and-catalog';
import { BillingAndPayments1763800002000 } from './1763800002000-billing-and-payments';
import { DunningAndMessaging1763800003000 } from './1763800003000-dunning-and-messaging';
import { PaymentSignalsAndBankImports1763800005000 } from './1763800005000-payment-signals-and-bank-imports';
import { PaymentEventBooking1763800006000 } from './1763800006000-payment-event-booking';
import { PaymentSignalKinds1763800007000 } from './1763800007000-payment-signal-kinds';
import { TenantPpn1763800012000 } from './1763800012000-tenant-ppn';

/** Hand-written migrations in the order they run. Never use `synchronize`. */
export const MIGRATIONS = [
  IdentityAndAccess1763800000000,
  CustomersAndCatalog1763800001000,
  BillingAndPayments1763800002000,
  DunningAndMessaging1763800003000,
  PaymentSignalsAndBankImports1763800005000,
  PaymentEventBooking1763800006000,
  PaymentSignalKinds1763800007000,
  TenantPpn1763800012000,
];
