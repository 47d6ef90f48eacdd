import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { BillingSettingsDto, BillingSettingsResponseDto } from './billing-settings.dto';
import { BillingSettingsService } from './billing-settings.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID mitra harus UUID yang valid.') });

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants/:id/billing-settings')
export class BillingSettingsController {
  constructor(private readonly settings: BillingSettingsService) {}

  @Get()
  @RequirePermissions('tenant.read')
  @ApiOperation({ summary: "The tenant's PPN rate (basis points), whether its prices include PPN, and its activation billing" })
  @ApiOkResponse({ type: BillingSettingsResponseDto })
  get(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.settings.get(user, id);
  }

  @Put()
  @RequirePermissions('tenant.manage')
  @ApiOperation({ summary: "Set the tenant's PPN for invoices issued from now on (issued invoices keep theirs) and its activation billing for new subscriptions" })
  @ApiOkResponse({ type: BillingSettingsResponseDto })
  update(@Param('id', uuid) id: string, @Body() body: BillingSettingsDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.settings.update(user, id, body, request.ip ?? null);
  }
}
