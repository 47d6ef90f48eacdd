import { Module } from '@nestjs/common';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WorkflowStarterRelay } from './workflow-starter.relay';

@Module({
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService, WorkflowStarterRelay],
  exports: [SubscriptionsService, WorkflowStarterRelay],
})
export class SubscriptionsModule {}
