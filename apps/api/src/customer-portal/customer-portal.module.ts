import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PaymentsModule } from '../payments/payments.module';
import { CustomerPortalController } from './customer-portal.controller';

/** Public pages for customers: the invoice/receipt page behind the pay link and its PDF. */
@Module({ imports: [PaymentsModule, DocumentsModule], controllers: [CustomerPortalController] })
export class CustomerPortalModule {}
