import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { InvoiceDetailDto, InvoicePageDto } from './dto/invoice.response';
import { ListInvoicesQuery } from './dto/list-invoices.query';
import { ResendPayLinkDto, ResentPayLinkDto } from './dto/resend-pay-link.dto';
import { InvoicesService } from './invoices.service';
import { RESEND_WINDOW_SECONDS, ResendPayLinkService } from './resend-pay-link.service';

const invoiceId = () => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID tagihan harus UUID yang valid.') });

@ApiTags('invoices')
@ApiBearerAuth()
@Controller('api/v1/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService, private readonly payLinks: ResendPayLinkService) {}

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
  get(@Param('id', invoiceId()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.invoices.get(user, id);
  }

  @Post(':id/resend-link')
  @HttpCode(200)
  @RequirePermissions('invoice.read', 'notification.send')
  @ApiOperation({
    summary: `Send the customer the invoice's pay link again (WhatsApp, else email, through the sender's queue); once per invoice per ${RESEND_WINDOW_SECONDS} s: a repeat in that window answers alreadyQueued and sends nothing new`,
  })
  @ApiOkResponse({ type: ResentPayLinkDto })
  @ApiConflictResponse({ description: 'The invoice is paid or void, or the customer agreed to no channel (message in Indonesian)' })
  resendLink(@Param('id', invoiceId()) id: string, @Body() body: ResendPayLinkDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.payLinks.resend(user, id, body.reason, request.ip ?? null);
  }
}
