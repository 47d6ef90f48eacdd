import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { InvoiceDetailDto, InvoicePageDto } from './dto/invoice.response';
import { ListInvoicesQuery } from './dto/list-invoices.query';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @RequirePermissions('invoice.read')
  @ApiOperation({ summary: 'List invoices (filters: status, period, due date range, customer, subscription; paged)' })
  @ApiOkResponse({ type: InvoicePageDto })
  list(@Query() query: ListInvoicesQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.invoices.list(user, query);
  }

  @Get(':id')
  @RequirePermissions('invoice.read')
  @ApiOperation({ summary: 'An invoice with its items and the payments allocated to it' })
  @ApiOkResponse({ type: InvoiceDetailDto })
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID tagihan harus UUID yang valid.') })) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.invoices.get(user, id);
  }
}
