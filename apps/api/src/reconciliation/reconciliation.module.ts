import { Module } from '@nestjs/common';
import { ReconciliationQueueController } from './reconciliation-queue.controller';
import { ReconciliationQueueService } from './reconciliation-queue.service';
import { PaymentsModule } from '../payments/payments.module';
import { BankImportsController } from './bank-imports.controller';
import { BankImportsService } from './bank-imports.service';

/** Bank statement import (preview → confirm → report). Matching and chargebacks live with the ledger in PaymentsModule. */
@Module({
  imports: [PaymentsModule],
  controllers: [BankImportsController, ReconciliationQueueController],
  providers: [BankImportsService, ReconciliationQueueService],
})
export class ReconciliationModule {}
