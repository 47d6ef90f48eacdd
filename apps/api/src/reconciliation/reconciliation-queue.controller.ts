import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { ListQueryDto } from '../common/list/list-query.dto';
import { MatchReconciliationDto, ReconciliationMatchResultDto, ReconciliationPageDto } from './dto/reconciliation-queue.dto';
import { ReconciliationQueueService } from './reconciliation-queue.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1/reconciliation/queue')
export class ReconciliationQueueController {
  constructor(private readonly queue: ReconciliationQueueService) {}

  @Get()
  @RequirePermissions('payment.reconcile')
  @ApiOperation({ summary: 'Parked gateway events and ambiguous or unmatched bank rows waiting for a person, newest first' })
  @ApiOkResponse({ type: ReconciliationPageDto })
  list(@Query() query: ListQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.queue.list(requestContext(user, request), query);
  }

  @Post(':id/match')
  @HttpCode(200)
  @RequirePermissions('payment.reconcile')
  @ApiOperation({ summary: 'One click: book the queue item on the chosen invoice (audited with the reason); the workflow gets the payment' })
  @ApiOkResponse({ type: ReconciliationMatchResultDto })
  @ApiConflictResponse({ description: 'Recorded already, the invoice is void, or the signing gateway account does not serve its mitra' })
  match(@Param('id') id: string, @Body() body: MatchReconciliationDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.queue.match(requestContext(user, request), id, body.invoiceId, body.reason);
  }
}
