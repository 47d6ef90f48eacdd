import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCOUNT_KINDS, type DiscountKind } from '@lunas/persistence';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateSubscriptionDto {
  @ApiProperty() @IsUUID() customerId!: string;
  @ApiProperty() @IsUUID() packageId!: string;

  @ApiProperty({ minimum: 1, maximum: 28, description: 'Day of month the prepaid invoice falls due' })
  @IsInt() @Min(1) @Max(28)
  billingDay!: number;

  @ApiPropertyOptional({ enum: DISCOUNT_KINDS, default: 'none' })
  @IsOptional() @IsIn(DISCOUNT_KINDS)
  discountKind?: DiscountKind;

  @ApiPropertyOptional({ description: 'Rupiah for fixed, whole percent for percent', default: 0 })
  @IsOptional() @IsInt() @Min(0)
  discountValue?: number;

  @ApiPropertyOptional({ description: 'PPPoE / RADIUS username on the network' })
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[A-Za-z0-9._@-]+$/, { message: 'pppoeUsername hanya boleh huruf, angka, titik, garis bawah, @ dan strip' })
  pppoeUsername?: string;

  @ApiPropertyOptional({ description: 'ISO date service started; default today (WIB)' })
  @IsOptional() @IsISO8601({ strict: true })
  startedOn?: string;
}
