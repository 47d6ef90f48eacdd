import { Controller, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator';
import { WebhookIntakeService, type WebhookAck } from './webhook-intake.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly intake: WebhookIntakeService) {}

  /**
   * Payment notifications of `midtrans`, `xendit`, `tripay` and `sandbox`. 200 once stored or seen
   * before (booking, or parking for Finance, follows right after the answer); 401 for a missing, wrong or
   * stale signature (nothing stored).
   */
  @Public()
  @Post(':gateway')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ received, duplicates }' })
  receive(@Param('gateway') gateway: string, @Req() request: RawBodyRequest<Request>): Promise<WebhookAck> {
    return this.intake.receive(gateway, request.rawBody, request.headers, request.ip);
  }
}
