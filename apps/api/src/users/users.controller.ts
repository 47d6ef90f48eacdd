import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { AssignRolesDto, CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto, UserReasonDto } from './dto/user-requests.dto';
import { RoleRecordDto, UserPageDto, UserRecordDto } from './dto/user.response';
import { UsersService } from './users.service';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('Pengguna tidak ditemukan.') });

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('roles')
  @RequirePermissions('user.read')
  @ApiOperation({ summary: 'The built-in roles and their permissions (read-only)' })
  @ApiOkResponse({ type: [RoleRecordDto] })
  roles() {
    return this.users.roles();
  }

  @Get('users')
  @RequirePermissions('user.read')
  @ApiOperation({ summary: 'List console users (q: username, name; filters active, roleCode, tenantId)' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.list(requestContext(user, request), query);
  }

  @Get('users/:id')
  @RequirePermissions('user.read')
  @ApiOperation({ summary: 'One console user' })
  @ApiOkResponse({ type: UserRecordDto })
  get(@Param('id', userId) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.get(requestContext(user, request), id);
  }

  @Post('users')
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: 'Create a console user with roles (only a superadmin grants superadmin)' })
  @ApiCreatedResponse({ type: UserRecordDto })
  @ApiConflictResponse({ description: 'The username is taken' })
  create(@Body() body: CreateUserDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.create(requestContext(user, request), body);
  }

  @Patch('users/:id')
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: "Edit a user's name and phone" })
  @ApiOkResponse({ type: UserRecordDto })
  update(@Param('id', userId) id: string, @Body() body: UpdateUserDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.update(requestContext(user, request), id, body);
  }

  @Put('users/:id/roles')
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: "Replace a user's roles (ends their sessions so the permissions apply at once)" })
  @ApiOkResponse({ type: UserRecordDto })
  assignRoles(@Param('id', userId) id: string, @Body() body: AssignRolesDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.assignRoles(requestContext(user, request), id, body);
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: 'Disable a user (their sessions end at once)' })
  @ApiOkResponse({ type: UserRecordDto })
  @ApiConflictResponse({ description: 'Already disabled' })
  disable(@Param('id', userId) id: string, @Body() body: UserReasonDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.setActive(requestContext(user, request), id, false, body.reason);
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: 'Enable a disabled user (also clears a login lock)' })
  @ApiOkResponse({ type: UserRecordDto })
  @ApiConflictResponse({ description: 'Already active' })
  enable(@Param('id', userId) id: string, @Body() body: UserReasonDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.setActive(requestContext(user, request), id, true, body.reason);
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  @RequirePermissions('user.manage')
  @ApiOperation({ summary: "Set a user's new password (ends their sessions, clears a login lock)" })
  @ApiOkResponse({ type: UserRecordDto })
  resetPassword(@Param('id', userId) id: string, @Body() body: ResetPasswordDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.users.resetPassword(requestContext(user, request), id, body.password, body.reason);
  }
}
