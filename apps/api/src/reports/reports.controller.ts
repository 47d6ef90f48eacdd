import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { tenantFilter } from '../auth/tenant-scope';
import { jakartaToday, parseRange } from './finance-range';
import { EXPORT_CONTENT_TYPES, exportFileName, writeCsv, writeXlsx } from './report-export';
import { FinanceReportDto, ReportExportQueryDto, ReportKindParam, ReportQueryDto } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':kind')
  @RequirePermissions('report.finance.read')
  @ApiOperation({ summary: 'A finance report over a date range (Asia/Jakarta, inclusive), of one mitra or — superadmin — all mitra' })
  @ApiOkResponse({ type: FinanceReportDto })
  show(@Param() { kind }: ReportKindParam, @Query() query: ReportQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.report(kind, this.tenantOf(user, query), this.rangeOf(query));
  }

  @Get(':kind/export')
  @RequirePermissions('report.finance.read', 'report.finance.export')
  @ApiOperation({ summary: 'The report as CSV or XLSX (Indonesian headers, rupiah as numbers, totals in the last row), streamed' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(@Param() { kind }: ReportKindParam, @Query() query: ReportExportQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() response: Response) {
    const report = await this.reports.report(kind, this.tenantOf(user, query), this.rangeOf(query));
    response.setHeader('Content-Type', EXPORT_CONTENT_TYPES[query.format]);
    response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(report, query.format)}"`);
    await (query.format === 'csv' ? writeCsv(report, response) : writeXlsx(report, response));
  }

  private tenantOf(user: AuthenticatedUser, query: ReportQueryDto): string | null {
    return tenantFilter(user, query.tenantId).tenantId ?? null;
  }

  private rangeOf(query: ReportQueryDto) {
    const today = jakartaToday();
    return parseRange(query.from, query.to, { from: `${today.slice(0, 7)}-01`, to: today });
  }
}
