import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { CreatePackageDto, ListPackagesQueryDto, UpdatePackageDto } from './dto/package-requests.dto';
import { PackagePageDto, PackageRecordDto } from './dto/package.response';
import { PackagesService } from './packages.service';

const packageId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Paket tidak ditemukan.') });

@ApiTags('packages')
@ApiBearerAuth()
@Controller('api/v1/packages')
export class PackagesController {
  constructor(private readonly packages: PackagesService) {}

  @Get()
  @RequirePermissions('package.read')
  @ApiOperation({ summary: "List packages: the caller's tenant's and the global ones (q: name; filter active; sort name, price, createdAt)" })
  @ApiOkResponse({ type: PackagePageDto })
  list(@Query() query: ListPackagesQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.packages.list(requestContext(user, request), query);
  }

  @Get(':id')
  @RequirePermissions('package.read')
  @ApiOperation({ summary: 'One package' })
  @ApiOkResponse({ type: PackageRecordDto })
  get(@Param('id', packageId) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.packages.get(requestContext(user, request), id);
  }

  @Post()
  @RequirePermissions('package.manage')
  @ApiOperation({ summary: 'Create a package (superadmin: global unless tenantId is given)' })
  @ApiCreatedResponse({ type: PackageRecordDto })
  @ApiConflictResponse({ description: 'The name is taken in the tenant' })
  create(@Body() body: CreatePackageDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.packages.create(requestContext(user, request), body);
  }

  @Patch(':id')
  @RequirePermissions('package.manage')
  @ApiOperation({ summary: "Edit a package; a new price applies from each subscription's next invoice (issued invoices keep theirs)" })
  @ApiOkResponse({ type: PackageRecordDto })
  @ApiConflictResponse({ description: 'The name is taken in the tenant' })
  update(@Param('id', packageId) id: string, @Body() body: UpdatePackageDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.packages.update(requestContext(user, request), id, body);
  }
}
