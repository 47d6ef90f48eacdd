import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditLogRecord, Page } from '@lunas/contracts';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { tenantFilter } from '../auth/tenant-scope';
import { fetchPage } from '../common/list/fetch-page';
import { auditLogListSql } from './audit-log-list.sql';
import { AuditLogPageDto, ListAuditLogQueryDto } from './dto/audit-log.dto';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @RequirePermissions('audit_log.read')
  @ApiOperation({ summary: 'Every change made by a person, newest first: who, when, IP, before/after, reason (filters: actor, action, entity, day range)' })
  @ApiOkResponse({ type: AuditLogPageDto })
  list(@Query() query: ListAuditLogQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<AuditLogRecord>> {
    return fetchPage(this.dataSource, auditLogListSql(tenantFilter(user, query.tenantId).tenantId, query), query);
  }
}
