import { PaymentsListController } from './payments-list.controller';
import { Module } from '@nestjs/common';
import { ChargebackNotifier } from '../reconciliation/chargeback-notifier';
import { InvoiceResolver } from '../reconciliation/invoice-resolver';
import { GatewayPaymentService } from './gateway-payment.service';
import { ManualPaymentsController } from './manual-payments.controller';
import { ManualPaymentsService } from './manual-payments.service';
import { PayLinksService } from './pay-links.service';
import { PaymentLedgerService } from './payment-ledger.service';
import { LUNAS_CONFIG } from '@lunas/config';
import { BOOKING_PROCESS, PaymentSignalRelay, PAYMENT_RELAY_OPTIONS, relayOptionsFor } from './payment-signal.relay';
import { PAYMENT_SIGNAL_SENDER, TemporalPaymentSignalSender } from './payment-signal.sender';
import { gatewayRegistryProvider, PAYMENTS_CONFIG, paymentsConfigProvider } from './payments-config.provider';
import { PaymentGatewayRegistry } from '@lunas/payments';

/**
 * The payment ledger and everything that books money: gateway events (used by the webhook inbox),
 * kasir payments and admin refunds, the outbox relay of `paymentReceived` signals, and the gateway
 * accounts per tenant.
 */
@Module({
  controllers: [ManualPaymentsController, PaymentsListController],
  providers: [
    paymentsConfigProvider,
    gatewayRegistryProvider,
    { provide: PAYMENT_SIGNAL_SENDER, useClass: TemporalPaymentSignalSender },
    { provide: PAYMENT_RELAY_OPTIONS, inject: [LUNAS_CONFIG, { token: BOOKING_PROCESS, optional: true }], useFactory: relayOptionsFor },
    PaymentSignalRelay,
    PaymentLedgerService,
    GatewayPaymentService,
    ManualPaymentsService,
    PayLinksService,
    InvoiceResolver,
    ChargebackNotifier,
  ],
  exports: [PAYMENTS_CONFIG, PaymentGatewayRegistry, PayLinksService, ManualPaymentsService, PAYMENT_RELAY_OPTIONS, PaymentSignalRelay, PaymentLedgerService, GatewayPaymentService, InvoiceResolver],
})
export class PaymentsModule {}
