import { ApiPropertyOptional } from '@nestjs/swagger';
import { INVOICE_STATUSES, type InvoiceStatus } from '@lunas/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class ListInvoicesQuery {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;

  @ApiPropertyOptional({ example: '2026-12', description: 'Service period YYYY-MM' })
  @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period harus berformat YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ description: 'Due on or after (ISO date, WIB)' }) @IsOptional() @IsISO8601({ strict: true }) dueFrom?: string;
  @ApiPropertyOptional({ description: 'Due on or before (ISO date, WIB)' }) @IsOptional() @IsISO8601({ strict: true }) dueTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() subscriptionId?: string;
  @ApiPropertyOptional({ description: 'Superadmin only: narrow to one tenant' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize = 25;
}
