import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsRupiah } from '../../common/is-rupiah';

export const MANUAL_PAYMENT_METHODS = ['cash', 'transfer'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

/** A kasir records money received at the counter or by bank transfer. */
export class RecordPaymentDto {
  @ApiProperty({ description: 'The invoice version the kasir saw (optimistic lock)' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ description: 'Integer rupiah received, at most the configured maximum per payment (LUNAS_MAX_PAYMENT_AMOUNT)' })
  @IsRupiah(1)
  amount!: number;

  @ApiProperty({ enum: MANUAL_PAYMENT_METHODS })
  @IsIn(MANUAL_PAYMENT_METHODS)
  method!: ManualPaymentMethod;

  @ApiPropertyOptional({ description: 'When the money was received (ISO 8601); default now' })
  @IsOptional()
  @IsDateString()
  paidAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
