import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Every manual action says why (timeline and audit log). */
export class ManualActionDto {
  @ApiProperty({ example: 'Pelanggan minta isolir sementara' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  reason!: string;
}

export class PromiseToPayDto extends ManualActionDto {
  @ApiProperty({ example: '2026-12-10', description: 'ISO date (WIB) the customer promises to pay by' })
  @IsISO8601({ strict: true })
  until!: string;

  @ApiPropertyOptional({ description: 'Admin override of the once-per-invoice limit' })
  @IsOptional() @IsBoolean()
  adminOverride?: boolean;
}

export class WaiveFeeDto extends ManualActionDto {}

export class ChangePackageDto extends ManualActionDto {
  @ApiProperty() @IsUUID() packageId!: string;
  @ApiProperty({ enum: ['next_cycle', 'now'] }) @IsIn(['next_cycle', 'now']) mode!: 'next_cycle' | 'now';
}

export class CancelSubscriptionDto extends ManualActionDto {
  @ApiProperty({ enum: ['end_of_period', 'now'] }) @IsIn(['end_of_period', 'now']) mode!: 'end_of_period' | 'now';
}

export class VoidInvoiceDto extends ManualActionDto {
  @ApiProperty() @IsUUID() invoiceId!: string;
}
