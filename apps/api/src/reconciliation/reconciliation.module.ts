import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { BankImportsController } from './bank-imports.controller';
import { BankImportsService } from './bank-imports.service';

/** Bank statement import (preview → confirm → report). Matching and chargebacks live with the ledger in PaymentsModule. */
@Module({
  imports: [PaymentsModule],
  controllers: [BankImportsController],
  providers: [BankImportsService],
})
export class ReconciliationModule {}
