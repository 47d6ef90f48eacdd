import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

/** `POST /api/v1/invoices/generate`: issue next period's invoices now. */
export class GenerateInvoicesDto {
  @ApiPropertyOptional({ description: 'Superadmin: one mitra (absent: every tenant). Others: only their own tenant (absent: their own).' })
  @IsOptional()
  @IsUUID(undefined, { message: 'tenantId harus UUID yang valid.' })
  tenantId?: string;

  @ApiPropertyOptional({
    example: '2027-05',
    description: "Service period YYYY-MM; only each subscription's next period is issued (absent: that next period). Others are skipped (not_next_period).",
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period harus berformat YYYY-MM' })
  period?: string;
}

export class GenerationJobAcceptedDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ description: 'Subscriptions the job covers' }) total!: number;
  @ApiProperty({ example: '/api/v1/invoices/generate/6f1c…' }) statusUrl!: string;
}

export class SkippedByReasonDto {
  @ApiProperty({ description: 'The period was invoiced already (by the H-1 schedule or an earlier request)' }) already_invoiced!: number;
  @ApiProperty({ description: 'The subscription is cancelled' }) cancelled!: number;
  @ApiProperty({ description: 'Isolated, and the policy stops billing while isolated' }) isolated!: number;
  @ApiProperty({ description: "The requested period is not the subscription's next period" }) not_next_period!: number;
}

export class SkippedCountDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: SkippedByReasonDto }) byReason!: SkippedByReasonDto;
}

export class FailedItemDto {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ description: 'Why (Bahasa Indonesia)' }) message!: string;
}

export class FailedCountDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [FailedItemDto], description: 'The first 50 failures' }) items!: FailedItemDto[];
}

/** `GET /api/v1/invoices/generate/:jobId`: how far a manual issue got. */
export class GenerationJobReportDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: every tenant' }) tenantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) period!: string | null;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ description: 'Every subscription has an outcome' }) done!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Not yet answered by its workflow' }) pending!: number;
  @ApiProperty() issued!: number;
  @ApiProperty({ type: SkippedCountDto }) skipped!: SkippedCountDto;
  @ApiProperty({ type: FailedCountDto }) failed!: FailedCountDto;
}
