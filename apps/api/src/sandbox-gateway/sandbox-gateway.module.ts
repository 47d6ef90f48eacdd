import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { SandboxGatewayController } from './sandbox-gateway.controller';
import { DEFAULT_SANDBOX_WEBHOOK_OPTIONS, SANDBOX_WEBHOOK_OPTIONS, SandboxGatewayService } from './sandbox-gateway.service';

/** Lunas's local payment gateway: `/sandbox/api/payments` for the adapter, `/sandbox/pay/:reference` for people. */
@Module({
  imports: [PaymentsModule],
  controllers: [SandboxGatewayController],
  providers: [SandboxGatewayService, { provide: SANDBOX_WEBHOOK_OPTIONS, useValue: DEFAULT_SANDBOX_WEBHOOK_OPTIONS }],
})
export class SandboxGatewayModule {}
