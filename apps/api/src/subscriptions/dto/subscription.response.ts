import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';

const SUBSCRIPTION_STATUSES = ['active', 'suspended', 'cancelled'];

/** A subscription row as stored. */
export class SubscriptionRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ format: 'uuid' }) packageId!: string;
  @ApiProperty({ minimum: 1, maximum: 28 }) billingDay!: number;
  @ApiProperty({ enum: ['none', 'fixed', 'percent'] }) discountKind!: string;
  @ApiProperty({ description: 'Rupiah (fixed) or percent' }) discountValue!: number;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) pppoeUsername!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null until the billing workflow is started' }) workflowId!: string | null;
  @ApiProperty({ format: 'date', example: '2026-02-04' }) startedOn!: string;
  @ApiInstant({ nullable: true }) suspendedAt!: string | null;
  @ApiInstant({ nullable: true }) cancelledAt!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiInstant() updatedAt!: string;
}

export class CreatedSubscriptionDto extends SubscriptionRecordDto {
  @ApiProperty({ description: 'false: Temporal was unreachable; a relay starts the workflow as soon as it is back' }) workflowStarted!: boolean;
}

class SubscriptionCustomerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '6281234567890' }) phone!: string;
}

class SubscriptionPackageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Rupiah per month' }) price!: number;
}

export class SubscriptionListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ type: SubscriptionCustomerDto, nullable: true }) customer!: SubscriptionCustomerDto | null;
  @ApiProperty({ type: SubscriptionPackageDto, nullable: true }) package!: SubscriptionPackageDto | null;
  @ApiProperty() billingDay!: number;
  @ApiProperty() discountKind!: string;
  @ApiProperty() discountValue!: number;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) pppoeUsername!: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowId!: string | null;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ type: () => SubscriptionLiveStateDto, nullable: true, description: 'Live dunning state (null: no running workflow, or Temporal unreadable)' })
  live!: SubscriptionLiveStateDto | null;
  @ApiPropertyOptional({ description: 'Why the live state could not be read (Indonesian)' }) liveError?: string;
}

class NextStepDto {
  @ApiProperty() stepId!: string;
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiInstant() at!: string;
}

export class SubscriptionLiveStateDto {
  @ApiProperty({ type: String, nullable: true, description: 'Search attribute LunasDunningStage' }) stage!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) suspended!: boolean | null;
  @ApiInstant({ nullable: true }) overdueSince!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Rupiah owed (current invoice and arrears, late fee included)' }) amountDue!: number | null;
  @ApiProperty({ type: NextStepDto, nullable: true }) nextStep!: NextStepDto | null;
}

export class SubscriptionPageDto {
  @ApiProperty({ type: [SubscriptionListItemDto] }) items!: SubscriptionListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SubscriptionDetailDto {
  @ApiProperty({ type: SubscriptionRecordDto }) subscription!: SubscriptionRecordDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'Live state of the billing workflow (`SubscriptionWorkflowState` in libs/contracts): stage, suspended, balance, currentInvoice ' +
      '(status in the invoice vocabulary), nextStep, nextInvoiceAt, timeline, …; instants as ISO 8601 +07:00. Null when it cannot be read.',
  })
  state!: Record<string, unknown> | null;
  @ApiPropertyOptional({ description: 'Why the state could not be read, in Indonesian' }) stateError?: string;
  @ApiProperty({ type: String, nullable: true, example: 'RUNNING' }) workflowStatus!: string | null;
}

class ActorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
}

export class TimelineEntryDto {
  @ApiInstant() at!: string;
  @ApiProperty({ example: 'invoice_issued' }) kind!: string;
  @ApiProperty({ enum: ['schedule', 'payment', 'operator', 'system'] }) trigger!: string;
  @ApiProperty({ description: 'One line in Indonesian' }) message!: string;
  @ApiPropertyOptional({ type: ActorDto }) actor?: ActorDto;
  @ApiPropertyOptional({ description: 'Rupiah' }) amount?: number;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ type: [TimelineEntryDto] }) entries!: TimelineEntryDto[];
}

class PreviewStepDto {
  @ApiProperty() stepId!: string;
  @ApiProperty({ type: [String] }) stepIds!: string[];
  @ApiProperty({ type: [String], example: ['notify', 'late_fee'] }) actions!: string[];
  @ApiInstant() at!: string;
}

export class PolicyPreviewDto {
  @ApiProperty() policyVersion!: number;
  @ApiProperty({ type: [PreviewStepDto] }) steps!: PreviewStepDto[];
}

export class ActionResultDto {
  @ApiProperty({ example: 'promise-to-pay' }) action!: string;
  @ApiProperty() accepted!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What the workflow answered (updates), else null' })
  result!: Record<string, unknown> | null;
}

export class PppoeCredentialsChangedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'budi.sukamaju' }) pppoeUsername!: string;
  @ApiProperty({ description: 'Whether a new password was set (the password itself is never returned)' }) passwordChanged!: boolean;
}

class FailedWorkflowDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) subscriptionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) tenantId?: string;
  @ApiInstant({ required: false }) failedAt?: string;
}

export class FailedWorkflowsDto {
  @ApiProperty({ type: [FailedWorkflowDto] }) items!: FailedWorkflowDto[];
  @ApiProperty() total!: number;
}
