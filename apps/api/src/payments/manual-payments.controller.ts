import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { CreatePayLinkDto } from './dto/create-pay-link.dto';
import { CreatedPaymentDto, RecordedPaymentDto, RefundedPaymentDto } from './dto/payment.response';
import { RecordPaymentDto } from './dto/record-payment.dto';
import { RefundPaymentDto } from './dto/refund-payment.dto';
import { PaymentsErrorCode, PaymentsException } from './payments.exception';
import type { CreatedPayment } from '@lunas/payments';
import { PayLinksService } from './pay-links.service';
import { ManualPaymentsService, type RecordedPayment, type RefundedPayment } from './manual-payments.service';

/** An id that is not a UUID names nothing: 404 like an id of another tenant. */
const idOf = (code: PaymentsErrorCode) => new ParseUUIDPipe({ exceptionFactory: () => new PaymentsException(code) });

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1')
export class ManualPaymentsController {
  constructor(private readonly payments: ManualPaymentsService, private readonly payLinks: PayLinksService) {}

  /** Creates a payment at the tenant's gateway for the invoice's balance (pay URL, VA number or QR string). */
  @Post('invoices/:id/pay-links')
  @ApiCreatedResponse({ type: CreatedPaymentDto })
  @RequirePermissions('payment.record')
  createPayLink(@Param('id', idOf(PaymentsErrorCode.InvoiceNotFound)) invoiceId: string, @Body() body: CreatePayLinkDto, @CurrentUser() user: AuthenticatedUser): Promise<CreatedPayment> {
    return this.payLinks.create(invoiceId, body.method, user);
  }

  /** A kasir records cash or a transfer against an invoice; the `version` must be the one read (else 409). */
  @Post('invoices/:id/payments')
  @ApiCreatedResponse({ type: RecordedPaymentDto })
  @RequirePermissions('payment.record')
  @Idempotent()
  record(@Param('id', idOf(PaymentsErrorCode.InvoiceNotFound)) invoiceId: string, @Body() body: RecordPaymentDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<RecordedPayment> {
    return this.payments.record(invoiceId, body, user, request.ip ?? null);
  }

  /** An admin refunds (part of) a payment; a credit note is issued and the invoice balance reopens. */
  @Post('payments/:id/refunds')
  @ApiCreatedResponse({ type: RefundedPaymentDto })
  @HttpCode(201)
  @RequirePermissions('payment.refund')
  @Idempotent()
  refund(@Param('id', idOf(PaymentsErrorCode.PaymentNotFound)) paymentId: string, @Body() body: RefundPaymentDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<RefundedPayment> {
    return this.payments.refund(paymentId, body, user, request.ip ?? null);
  }
}
