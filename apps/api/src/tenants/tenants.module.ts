import { Module } from '@nestjs/common';
import { BillingSettingsController } from './billing-settings.controller';
import { BillingSettingsService } from './billing-settings.service';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({ controllers: [BillingSettingsController, TenantsController], providers: [BillingSettingsService, TenantsService] })
export class TenantsModule {}
