import { Module } from '@nestjs/common';
import { InvoiceGenerationController } from './generation/invoice-generation.controller';
import { InvoiceGenerationJobs } from './generation/invoice-generation-jobs';
import { InvoiceGenerationRunner } from './generation/invoice-generation.runner';
import { InvoiceGenerationService } from './generation/invoice-generation.service';
import { InvoicesController } from './invoices.controller';
import { MessagingModule } from '../messaging/messaging.module';
import { InvoicesService } from './invoices.service';
import { ResendPayLinkService } from './resend-pay-link.service';

@Module({
  imports: [MessagingModule],
  controllers: [InvoiceGenerationController, InvoicesController],
  providers: [InvoicesService, ResendPayLinkService, InvoiceGenerationService, InvoiceGenerationJobs, InvoiceGenerationRunner],
})
export class InvoicesModule {}
