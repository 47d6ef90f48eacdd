import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINANCE_REPORT_KINDS, type FinanceReport, type FinanceReportKind, type ReportCell, type ReportColumn, type ReportColumnType } from '@lunas/contracts';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from './report-export';

const DATE = { message: 'tanggal harus berformat YYYY-MM-DD' };

export class ReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Superadmin: one mitra (all mitra when omitted). Others always get their own.' })
  @IsOptional()
  @IsUUID('4', { message: 'ID mitra harus UUID yang valid' })
  tenantId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First day (Asia/Jakarta), inclusive; default the first of this month' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day (Asia/Jakarta), inclusive; default today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  to?: string;
}

export class ReportExportQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format!: ExportFormat;
}

export class ReportKindParam {
  @ApiProperty({ enum: FINANCE_REPORT_KINDS })
  @IsIn(FINANCE_REPORT_KINDS)
  kind!: FinanceReportKind;
}

class ReportColumnDto implements ReportColumn {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Indonesian header' }) label!: string;
  @ApiProperty({ enum: ['text', 'date', 'month', 'count', 'rupiah', 'percent', 'days'] }) type!: ReportColumnType;
}

export class FinanceReportDto implements FinanceReport {
  @ApiProperty({ enum: FINANCE_REPORT_KINDS }) kind!: FinanceReportKind;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ type: [ReportColumnDto] }) columns!: ReportColumnDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } } })
  rows!: Array<Record<string, ReportCell>>;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } })
  totals!: Record<string, ReportCell>;
}
