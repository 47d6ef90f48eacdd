import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { CustomerPortalController } from './customer-portal.controller';

/** Public pages for customers: the invoice/receipt page behind the pay link. */
@Module({ imports: [PaymentsModule], controllers: [CustomerPortalController] })
export class CustomerPortalModule {}
