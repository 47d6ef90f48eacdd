import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, UseFilters, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { SandboxCreatePaymentBody, SandboxCreatePaymentResponse, SandboxPaymentData } from '@lunas/payments';
import { formatRupiah } from '@lunas/domain';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { HtmlProblemFilter } from '../common/problem-details/html-problem.filter';
import { renderPayPage } from './sandbox-pay-page';
import { SandboxGatewayService } from './sandbox-gateway.service';

/** The sandbox gateway's own HTTP surface: merchant API (signed) and the public pay page. */
@ApiExcludeController()
@Public()
@Controller('sandbox')
export class SandboxGatewayController {
  constructor(private readonly sandbox: SandboxGatewayService) {}

  @Post('api/payments')
  @HttpCode(201)
  create(@Req() request: RawBodyRequest<Request>, @Body() body: SandboxCreatePaymentBody): SandboxCreatePaymentResponse {
    return this.sandbox.create(request.rawBody ?? Buffer.alloc(0), request.headers, body);
  }

  @Get('api/payments/:reference')
  status(@Req() request: Request, @Param('reference') reference: string): SandboxPaymentData {
    return this.sandbox.status(Buffer.alloc(0), request.headers, reference);
  }

  /** The pay page; an unknown reference (404) or an expired payment (410) answers a page in Indonesian too. */
  @Get('pay/:reference')
  @UseFilters(HtmlProblemFilter)
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Param('reference') reference: string): string {
    const payment = this.sandbox.page(reference);
    return renderPayPage({ payment: payment.data, description: payment.description, customerName: payment.customerName });
  }

  /** Form post of the pay page (`amount` in whole rupiah). */
  @Post('pay/:reference')
  @UseFilters(HtmlProblemFilter)
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  pay(@Param('reference') reference: string, @Body() body: { amount?: string }): string {
    const amount = Number(body.amount);
    const payment = this.sandbox.pay(reference, amount);
    const notice = `Pembayaran ${Number.isSafeInteger(amount) ? formatRupiah(amount) : ''} berhasil. Notifikasi dikirim ke Lunas.`;
    return renderPayPage({ payment: payment.data, description: payment.description, customerName: payment.customerName, notice });
  }
}
