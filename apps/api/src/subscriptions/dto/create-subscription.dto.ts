import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCOUNT_KINDS, type DiscountKind } from '@lunas/persistence';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PPPOE_PASSWORD_LENGTH_MESSAGE, PPPOE_PASSWORD_MAX, PPPOE_PASSWORD_MIN, PPPOE_PASSWORD_PATTERN, PPPOE_PASSWORD_PATTERN_MESSAGE, PPPOE_USERNAME_MESSAGE, PPPOE_USERNAME_PATTERN } from './pppoe-credentials.dto';

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
  @IsOptional() @IsString() @MaxLength(64) @Matches(PPPOE_USERNAME_PATTERN, { message: PPPOE_USERNAME_MESSAGE })
  pppoeUsername?: string;

  @ApiPropertyOptional({ description: 'PPPoE password (needs pppoeUsername); encrypted at rest, written to FreeRADIUS with the subscription' })
  @IsOptional() @IsString() @Length(PPPOE_PASSWORD_MIN, PPPOE_PASSWORD_MAX, { message: PPPOE_PASSWORD_LENGTH_MESSAGE }) @Matches(PPPOE_PASSWORD_PATTERN, { message: PPPOE_PASSWORD_PATTERN_MESSAGE })
  pppoePassword?: string;

  @ApiPropertyOptional({ description: 'ISO date service started; default today (WIB)' })
  @IsOptional() @IsISO8601({ strict: true })
  startedOn?: string;
}
