import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGING_BUCKETS, KPI_KEYS, type AgingBucket, type AgingBucketAmount, type DashboardSummary, type DunningStepRecovery, type Kpi, type KpiKey,
  type KpiUnit, type MonthlyBilledCollected, type PaymentMethodShare,
} from '@lunas/contracts';
import { IsOptional, IsUUID, Matches } from 'class-validator';

export class DashboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Superadmin: one mitra (all mitra when omitted). Others always see their own.' })
  @IsOptional()
  @IsUUID('4', { message: 'ID mitra harus UUID yang valid' })
  tenantId?: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'As-of date (Asia/Jakarta); default today. Ignored when from/to are given (then the as-of date is `to`)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'tanggal harus berformat YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day of the period (with `to`); compared with as many days just before' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'tanggal harus berformat YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'Last day of the period (with `from`)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'tanggal harus berformat YYYY-MM-DD' })
  to?: string;
}

class KpiDto implements Kpi {
  @ApiProperty({ enum: KPI_KEYS }) key!: KpiKey;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['rupiah', 'percent', 'days', 'count'] }) unit!: KpiUnit;
  @ApiProperty() value!: number;
  @ApiProperty() previous!: number;
  @ApiProperty() change!: number;
  @ApiProperty({ example: '/tagihan?status=unpaid,partial' }) link!: string;
}

class MonthlyBilledCollectedDto implements MonthlyBilledCollected {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() billed!: number;
  @ApiProperty() collected!: number;
  @ApiProperty() billedLink!: string;
  @ApiProperty() collectedLink!: string;
}

class AgingBucketAmountDto implements AgingBucketAmount {
  @ApiProperty({ enum: AGING_BUCKETS }) bucket!: AgingBucket;
  @ApiProperty() label!: string;
  @ApiProperty() invoices!: number;
  @ApiProperty() amount!: number;
  @ApiProperty() link!: string;
}

class DunningStepRecoveryDto implements DunningStepRecovery {
  @ApiProperty({ example: 'payment_reminder_1' }) step!: string;
  @ApiProperty() label!: string;
  @ApiProperty() reached!: number;
  @ApiProperty() recovered!: number;
  @ApiProperty({ description: 'recovered / reached × 100, one decimal' }) recoveryRate!: number;
  @ApiProperty() link!: string;
}

class PaymentMethodShareDto implements PaymentMethodShare {
  @ApiProperty({ example: 'qris' }) method!: string;
  @ApiProperty() payments!: number;
  @ApiProperty() amount!: number;
  @ApiProperty() link!: string;
}

export class DashboardSummaryDto implements DashboardSummary {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-20' }) to!: string;
  @ApiProperty({ example: '2026-10-01' }) previousFrom!: string;
  @ApiProperty({ example: '2026-10-20' }) previousTo!: string;
  @ApiProperty({ type: [KpiDto] }) kpis!: KpiDto[];
  @ApiProperty({ type: [MonthlyBilledCollectedDto] }) billedVsCollected!: MonthlyBilledCollectedDto[];
  @ApiProperty({ type: [AgingBucketAmountDto] }) aging!: AgingBucketAmountDto[];
  @ApiProperty({ type: [DunningStepRecoveryDto] }) recoveryByStep!: DunningStepRecoveryDto[];
  @ApiProperty({ type: [PaymentMethodShareDto] }) paymentMethods!: PaymentMethodShareDto[];
}

/** A mitra the caller may filter the dashboard and reports by. */
export class FilterTenantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() businessName!: string;
}
