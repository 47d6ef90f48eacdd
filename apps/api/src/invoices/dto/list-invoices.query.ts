import { ApiPropertyOptional } from '@nestjs/swagger';
import { INVOICE_STATUSES, type InvoiceStatus } from '@lunas/contracts';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';

/** Besides paging: `sort` one of dueAt, issuedAt, total, number (default -dueAt); `q` searches number and customer name. */
export class ListInvoicesQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;

  @ApiPropertyOptional({ example: '2026-12', description: 'Service period YYYY-MM' })
  @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period harus berformat YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ description: 'Due on or after (ISO date, WIB)' }) @IsOptional() @IsISO8601({ strict: true }) dueFrom?: string;
  @ApiPropertyOptional({ description: 'Due on or before (ISO date, WIB)' }) @IsOptional() @IsISO8601({ strict: true }) dueTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() subscriptionId?: string;
  @ApiPropertyOptional({ description: 'Superadmin only: narrow to one tenant' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional({ description: 'true: past due and still owing; false: the rest' })
  @IsOptional() @QueryBoolean() @IsBoolean({ message: 'overdue harus true atau false' })
  overdue?: boolean;
}
