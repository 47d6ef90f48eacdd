import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import {
  MessageLogQueryDto,
  BulkSendDto,
  BulkSendResultDto,
  ConnectWhatsappDto,
  ManualSendDto,
  MessageLogEntryDto,
  MessageTemplatesDto,
  MessagingSettingsDto,
  MessagingSettingsResponseDto,
  SenderQueueDto,
  TemplatePreviewDto,
  TemplateVariantsDto,
  WhatsappSessionDto,
} from './messaging.dto';
import { MessagingService } from './messaging.service';

const uuid = (what: string) => new ParseUUIDPipe({ optional: true, exceptionFactory: () => new BadRequestException(`${what} harus UUID yang valid.`) });

/** The tenant a request acts on: the caller's own; a superadmin may name another with `?tenantId=`. */
function tenantOf(user: AuthenticatedUser, tenantId: string | undefined): string {
  return user.isSuperadmin && tenantId ? tenantId : user.tenantId;
}

@ApiTags('messaging')
@ApiBearerAuth()
@ApiQuery({ name: 'tenantId', required: false, description: 'Superadmin only: act on this mitra (default: own)' })
@Controller('api/v1/messaging')
export class MessagingController {
  constructor(private readonly messaging: MessagingService) {}

  @Get('whatsapp')
  @RequirePermissions('whatsapp.manage')
  @ApiOperation({ summary: "The mitra's WhatsApp session: status (\"Perlu scan ulang\" when logged out), the QR to scan while pairing, pairing code, number, last seen" })
  @ApiOkResponse({ type: WhatsappSessionDto })
  whatsapp(@CurrentUser() user: AuthenticatedUser, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.whatsapp(tenantOf(user, tenantId));
  }

  @Post('whatsapp/connect')
  @HttpCode(200)
  @RequirePermissions('whatsapp.manage')
  @ApiOperation({ summary: 'Start pairing: the session host opens the socket and publishes the QR (or a pairing code for the given number)' })
  @ApiOkResponse({ type: WhatsappSessionDto })
  connect(@CurrentUser() user: AuthenticatedUser, @Body() body: ConnectWhatsappDto, @Req() request: Request, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.connect(user, tenantOf(user, tenantId), body.pairingPhone, request.ip ?? null);
  }

  @Get('settings')
  @RequirePermissions('whatsapp.manage')
  @ApiOperation({ summary: "The mitra's messaging channel settings: its SMTP server (never the password). Send window, quiet days, receipt fields and logo are in the mitra's settings (`/tenants/:id/settings`)" })
  @ApiOkResponse({ type: MessagingSettingsResponseDto })
  settings(@CurrentUser() user: AuthenticatedUser, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.settings(tenantOf(user, tenantId));
  }

  @Put('settings')
  @RequirePermissions('whatsapp.manage')
  @ApiOperation({ summary: "Change the mitra's messaging settings (the SMTP password is stored encrypted; omitted, the stored one is kept)" })
  @ApiOkResponse({ type: MessagingSettingsResponseDto })
  saveSettings(@CurrentUser() user: AuthenticatedUser, @Body() body: MessagingSettingsDto, @Req() request: Request, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.saveSettings(user, tenantOf(user, tenantId), body, request.ip ?? null);
  }

  @Get('templates')
  @RequirePermissions('notification.read')
  @ApiOperation({ summary: "The mitra's message templates (its own or the built-in texts) and the variables they may use" })
  @ApiOkResponse({ type: MessageTemplatesDto })
  templates(@CurrentUser() user: AuthenticatedUser, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.templates(tenantOf(user, tenantId));
  }

  @Post('templates/preview')
  @HttpCode(200)
  @RequirePermissions('notification.read')
  @ApiOperation({ summary: 'Render template variants with sample values; an unknown variable is refused (400) and named' })
  @ApiOkResponse({ type: TemplatePreviewDto })
  preview(@Body() body: TemplateVariantsDto) {
    return this.messaging.preview(body.variants);
  }

  @Put('templates/:kind')
  @RequirePermissions('notification.send')
  @ApiOperation({ summary: 'Save the mitra\'s variants of a template; an unknown variable is refused (400) and named' })
  @ApiOkResponse({ type: MessageTemplatesDto })
  saveTemplate(@CurrentUser() user: AuthenticatedUser, @Param('kind') kind: string, @Body() body: TemplateVariantsDto, @Req() request: Request, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.saveTemplate(user, tenantOf(user, tenantId), kind, body.variants, request.ip ?? null);
  }

  @Get('queue')
  @RequirePermissions('notification.read')
  @ApiOperation({ summary: "The anti-ban queue of the mitra's WhatsApp sender: depth, next send time, today's and the last hour's counts" })
  @ApiOkResponse({ type: SenderQueueDto })
  queue(@CurrentUser() user: AuthenticatedUser, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.queue(tenantOf(user, tenantId));
  }

  @Post('bulk')
  @HttpCode(200)
  @RequirePermissions('notification.send')
  @ApiOperation({ summary: 'Bulk send: count the customers a filter selects (preview), or queue one message each on the sender\'s anti-ban queue' })
  @ApiOkResponse({ type: BulkSendResultDto })
  bulk(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkSendDto, @Req() request: Request, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.bulk(user, tenantOf(user, tenantId), body, request.ip ?? null);
  }

  @Post('send')
  @HttpCode(200)
  @RequirePermissions('notification.send')
  @ApiOperation({ summary: 'Manual message to one customer of the mitra, through the sender\'s anti-ban queue' })
  @ApiOkResponse({ type: BulkSendResultDto })
  send(@CurrentUser() user: AuthenticatedUser, @Body() body: ManualSendDto, @Req() request: Request, @Query('tenantId', uuid('tenantId')) tenantId?: string) {
    return this.messaging.send(user, tenantOf(user, tenantId), body, request.ip ?? null);
  }

  @Get('log')
  @RequirePermissions('notification.read')
  @ApiOperation({
    summary: 'The message log, newest first (100): every message, channel, status, delivery receipt and error; optionally of one customer, of one status (sent: simulated too, as Beranda counts) and of one WIB day',
  })
  @ApiOkResponse({ type: [MessageLogEntryDto] })
  async log(@CurrentUser() user: AuthenticatedUser, @Query() query: MessageLogQueryDto) {
    return (await this.messaging.log(tenantOf(user, query.tenantId), query)).map((row) => ({
      id: row.id, customerId: row.customerId, channel: row.channel, template: row.template, recipient: row.recipient, status: row.status,
      deliveryStatus: row.deliveryStatus, error: row.error, body: row.body, createdAt: row.createdAt,
    }));
  }
}
