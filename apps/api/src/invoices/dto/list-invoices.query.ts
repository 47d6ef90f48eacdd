import { ApiPropertyOptional } from '@nestjs/swagger';
import { AGING_BUCKETS, INVOICE_STATUSES, type AgingBucket, type InvoiceStatus } from '@lunas/contracts';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';
import { MEASURED_DUNNING_STEPS } from '../../reports/dunning-steps';

const STEPS = MEASURED_DUNNING_STEPS.map((s) => s.step);

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

  @ApiPropertyOptional({ format: 'date', description: 'Issued on or after (WIB day)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'issuedFrom harus tanggal YYYY-MM-DD' })
  issuedFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Issued on or before (WIB day)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'issuedTo harus tanggal YYYY-MM-DD' })
  issuedTo?: string;
  @ApiPropertyOptional({ description: 'true: still owing at the end of asOf (the dashboard\'s outstanding)' })
  @IsOptional() @QueryBoolean() @IsBoolean({ message: 'open harus true atau false' })
  open?: boolean;
  @ApiPropertyOptional({ enum: AGING_BUCKETS, description: 'Still owing at the end of asOf and in this aging bucket then' })
  @IsOptional() @IsIn(AGING_BUCKETS)
  aging?: AgingBucket;
  @ApiPropertyOptional({ format: 'date', description: 'The WIB day open, aging and overdue are judged on (default today; overdue without it: now)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'asOf harus tanggal YYYY-MM-DD' })
  asOf?: string;
  @ApiPropertyOptional({ enum: STEPS, description: 'Reached this dunning step (its message, or the scheduled suspension)' })
  @IsOptional() @IsIn(STEPS)
  step?: string;
}
