import { Module } from '@nestjs/common';
import { CustomerCreditService } from './customer-credit.service';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({ controllers: [CustomersController], providers: [CustomerCreditService, CustomersService] })
export class CustomersModule {}
