import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isIsoDate } from '@lunas/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { tenantFilter } from '../auth/tenant-scope';
import { DashboardQueryDto, DashboardSummaryDto, FilterTenantDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { jakartaToday, parseRange } from './finance-range';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermissions('report.finance.read')
  @ApiOperation({ summary: 'Beranda KPIs (a chosen period, or month to date, vs the period before) and charts, each figure with the link to its list, of one mitra or — superadmin — all mitra' })
  @ApiOkResponse({ type: DashboardSummaryDto })
  summary(@Query() query: DashboardQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const tenantId = tenantFilter(user, query.tenantId).tenantId ?? null;
    if (query.from !== undefined || query.to !== undefined) {
      if (query.from === undefined || query.to === undefined) throw new BadRequestException('Parameter "from" dan "to" harus diisi bersama.');
      const period = parseRange(query.from, query.to, { from: query.from, to: query.to });
      return this.dashboard.summary(tenantId, period.to, period);
    }
    const asOf = query.asOf ?? jakartaToday();
    if (!isIsoDate(asOf)) throw new BadRequestException('Parameter "asOf" harus tanggal YYYY-MM-DD yang valid.');
    return this.dashboard.summary(tenantId, asOf);
  }

  @Get('tenants')
  @RequirePermissions('report.finance.read')
  @ApiOperation({ summary: 'The mitra the caller may filter the dashboard and the reports by (every mitra for a superadmin, else its own)' })
  @ApiOkResponse({ type: [FilterTenantDto] })
  tenants(@CurrentUser() user: AuthenticatedUser) {
    return this.dashboard.filterTenants(tenantFilter(user).tenantId ?? null);
  }
}
