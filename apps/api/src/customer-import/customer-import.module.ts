import { Module } from '@nestjs/common';
import { CustomerImportController } from './customer-import.controller';
import { CustomerImportRunner } from './customer-import.runner';
import { CustomerImportService } from './customer-import.service';

@Module({ controllers: [CustomerImportController], providers: [CustomerImportService, CustomerImportRunner] })
export class CustomerImportModule {}
