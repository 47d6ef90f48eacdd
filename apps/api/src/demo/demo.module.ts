import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [SubscriptionsModule, PaymentsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
