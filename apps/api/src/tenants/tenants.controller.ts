import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CreateTenantDto, ListTenantsQueryDto, SetBankAccountsDto, UpdateTenantDto } from './dto/tenant-requests.dto';
import { TenantPageDto, TenantRecordDto } from './dto/tenant.response';
import { TenantsService } from './tenants.service';

const tenantId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Mitra tidak ditemukan.') });

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @RequirePermissions('tenant.read')
  @ApiOperation({ summary: "List mitra (superadmin: all; others: their own). q: business name; filter active" })
  @ApiOkResponse({ type: TenantPageDto })
  list(@Query() query: ListTenantsQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.tenants.list(requestContext(user, request), query);
  }

  @Get(':id')
  @RequirePermissions('tenant.read')
  @ApiOperation({ summary: 'One mitra' })
  @ApiOkResponse({ type: TenantRecordDto })
  get(@Param('id', tenantId) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.tenants.get(requestContext(user, request), id);
  }

  @Post()
  @RequirePermissions('tenant.manage')
  @ApiOperation({ summary: 'Create a mitra (with the default dunning policy)' })
  @ApiCreatedResponse({ type: TenantRecordDto })
  @ApiConflictResponse({ description: 'The business name is taken' })
  create(@Body() body: CreateTenantDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.tenants.create(requestContext(user, request), body);
  }

  @Patch(':id')
  @RequirePermissions('tenant.manage')
  @ApiOperation({ summary: 'Edit a mitra: business name, contact, gateway account reference, bank accounts, active (with a reason)' })
  @ApiOkResponse({ type: TenantRecordDto })
  @ApiConflictResponse({ description: 'The business name is taken, or the platform cannot be deactivated' })
  update(@Param('id', tenantId) id: string, @Body() body: UpdateTenantDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.tenants.update(requestContext(user, request), id, body);
  }

  @Put(':id/bank-accounts')
  @RequirePermissions('tenant.bank_account.manage')
  @ApiOperation({ summary: "Replace the mitra's bank accounts for transfers (a mitra: its own)" })
  @ApiOkResponse({ type: TenantRecordDto })
  setBankAccounts(@Param('id', tenantId) id: string, @Body() body: SetBankAccountsDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.tenants.setBankAccounts(requestContext(user, request), id, body);
  }
}
