import { Module } from '@nestjs/common';
import { InvoiceGenerationController } from './generation/invoice-generation.controller';
import { InvoiceGenerationJobs } from './generation/invoice-generation-jobs';
import { InvoiceGenerationRunner } from './generation/invoice-generation.runner';
import { InvoiceGenerationService } from './generation/invoice-generation.service';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';

@Module({
  controllers: [InvoiceGenerationController, InvoicesController],
  providers: [InvoicesService, InvoiceGenerationService, InvoiceGenerationJobs, InvoiceGenerationRunner],
})
export class InvoicesModule {}
