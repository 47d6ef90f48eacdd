import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CreateNetworkDeviceDto, LiveSessionDto, NetworkActionDto, NetworkActionsQuery, NetworkDeviceDto, NetworkQuery } from './network-devices.dto';
import { NetworkService } from './network.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID perangkat harus UUID yang valid.') });

@ApiTags('network')
@ApiBearerAuth()
@Controller('api/v1/network')
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get('devices')
  @RequirePermissions('network.read')
  @ApiOperation({ summary: 'The mitra\'s NAS / routers (secrets are never returned)' })
  @ApiOkResponse({ type: [NetworkDeviceDto] })
  devices(@Query() query: NetworkQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.network.devices(user, query.tenantId);
  }

  @Post('devices')
  @RequirePermissions('network.manage')
  @ApiOperation({ summary: 'Register a NAS (RADIUS CoA) or a MikroTik router (RouterOS API); secrets are stored encrypted' })
  @ApiCreatedResponse({ type: NetworkDeviceDto })
  create(@Body() body: CreateNetworkDeviceDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.network.create(user, body, request.ip ?? null);
  }

  @Delete('devices/:id')
  @HttpCode(204)
  @RequirePermissions('network.manage')
  @ApiOperation({ summary: 'Remove a NAS / router from the registry' })
  @ApiNoContentResponse()
  remove(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.network.remove(user, id, request.ip ?? null);
  }

  @Get('sessions')
  @RequirePermissions('network.read')
  @ApiOperation({ summary: 'Live PPPoE sessions of the mitra\'s subscribers (FreeRADIUS accounting, radacct)' })
  @ApiOkResponse({ type: [LiveSessionDto] })
  sessions(@Query() query: NetworkQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.network.sessions(user, query.tenantId);
  }

  @Get('actions')
  @RequirePermissions('network.read')
  @ApiOperation({ summary: 'Network actions (suspend / unsuspend) of one subscription, newest first' })
  @ApiOkResponse({ type: [NetworkActionDto] })
  actions(@Query() query: NetworkActionsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.network.actions(user, query.subscriptionId);
  }
}
