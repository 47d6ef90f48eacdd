import { BadRequestException, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { InboxDto, ReadReceiptDto } from './dto/inbox.response';
import { OperatorNotificationsService } from './operator-notifications.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID notifikasi harus UUID yang valid.') });

/** The signed-in operator's notification inbox (e.g. Finance about a chargeback). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class OperatorNotificationsController {
  constructor(private readonly notifications: OperatorNotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller\'s inbox: newest 100 messages of the tenant addressed to a permission the caller holds, and the unread count' })
  @ApiOkResponse({ type: InboxDto })
  inbox(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.inbox(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a message read for the caller (idempotent, audited once)' })
  @ApiOkResponse({ type: ReadReceiptDto })
  markRead(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.notifications.markRead(user, id, request.ip ?? null);
  }
}
