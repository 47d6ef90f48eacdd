import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, PaymentListItem } from '@lunas/contracts';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { tenantFilter } from '../auth/tenant-scope';
import { fetchPage } from '../common/list/fetch-page';
import { ListPaymentsQueryDto, PaymentPageDto } from './dto/list-payments.dto';
import { paymentListSql } from './payment-list.sql';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1/payments')
export class PaymentsListController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @RequirePermissions('payment.read')
  @ApiOperation({ summary: 'List payments: gateway, method, reference, matched rule (filters gateway, method, status, customer, invoice, paid-day range; q: reference, invoice number, customer)' })
  @ApiOkResponse({ type: PaymentPageDto })
  list(@Query() query: ListPaymentsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<PaymentListItem>> {
    return fetchPage(this.dataSource, paymentListSql(tenantFilter(user, query.tenantId).tenantId, query), query);
  }
}
