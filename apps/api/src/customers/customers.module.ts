import { Module } from '@nestjs/common';
import { CustomerCreditService } from './customer-credit.service';
import { CustomersController } from './customers.controller';

@Module({ controllers: [CustomersController], providers: [CustomerCreditService] })
export class CustomersModule {}
