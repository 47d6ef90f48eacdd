import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { TenantSettingsDto, TenantSettingsResponseDto } from './tenant-settings.dto';
import { TenantSettingsService } from './tenant-settings.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID mitra harus UUID yang valid.') });

@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/tenants/:id/settings')
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettingsService) {}

  @Get()
  @RequirePermissions('tenant.read')
  @ApiOperation({ summary: "The mitra's settings in effect now (business data, PPN, invoice prefix, receipt fields, send window, gateway, bank accounts)" })
  @ApiOkResponse({ type: TenantSettingsResponseDto })
  get(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.settings.get(user, id);
  }

  @Put()
  @RequirePermissions('tenant.manage')
  @ApiOperation({ summary: 'Save a new version of the settings, effective for documents issued from now on (audited)' })
  @ApiOkResponse({ type: TenantSettingsResponseDto })
  update(@Param('id', uuid) id: string, @Body() body: TenantSettingsDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.settings.update(user, id, body, request.ip ?? null);
  }
}
