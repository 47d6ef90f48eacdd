import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestContext as context } from '../auth/request-context';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { ListSubscriptionsQuery } from './dto/list-subscriptions.query';
import { PppoeCredentialsDto } from './dto/pppoe-credentials.dto';
import {
  ActionResultDto, CreatedSubscriptionDto, FailedWorkflowsDto, PolicyPreviewDto, PppoeCredentialsChangedDto, SubscriptionDetailDto, SubscriptionPageDto,
  TimelineDto,
} from './dto/subscription.response';
import { SUBSCRIPTION_ACTIONS } from './subscription-actions';
import { SubscriptionsService } from './subscriptions.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('ID langganan harus UUID yang valid.') });

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @RequirePermissions('subscription.manage')
  @Idempotent()
  @ApiOperation({ summary: 'Create a subscription and start its billing workflow (Idempotency-Key honoured)' })
  @ApiConflictResponse({ description: 'The PPPoE username is used by another subscription of the tenant (field pppoeUsername)' })
  @ApiCreatedResponse({ type: CreatedSubscriptionDto })
  create(@Body() body: CreateSubscriptionDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.create(context(user, request), body);
  }

  @Get()
  @RequirePermissions('subscription.read')
  @ApiOperation({ summary: 'List subscriptions (filters: stage, suspended, status, customer; paged)' })
  @ApiOkResponse({ type: SubscriptionPageDto })
  list(@Query() query: ListSubscriptionsQuery, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.list(context(user, request), query);
  }

  @Get('failed-workflows')
  @RequirePermissions('subscription.read')
  @ApiOperation({
    summary: 'Subscriptions whose billing workflow stopped (failed, terminated, timed out, cancelled in Temporal) and waits for an operator (restart-workflow action)',
  })
  @ApiOkResponse({ type: FailedWorkflowsDto })
  failedWorkflows(@CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.failedWorkflows(context(user, request));
  }

  @Get(':id')
  @RequirePermissions('subscription.read')
  @ApiOperation({
    summary: 'The subscription record and its live workflow state; a stopped workflow shows in stateError ("Alur kerja berhenti: …") and workflowStopped',
  })
  @ApiOkResponse({ type: SubscriptionDetailDto })
  get(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.get(context(user, request), id);
  }

  @Get(':id/timeline')
  @RequirePermissions('subscription.read')
  @ApiOperation({ summary: "The subscription's timeline, from its workflow" })
  @ApiOkResponse({ type: TimelineDto })
  timeline(@Param('id', uuid) id: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.timeline(context(user, request), id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @RequirePermissions('dunning_policy.read')
  @ApiOperation({ summary: 'What this subscription would go through from now under another policy (no side effects)' })
  @ApiOkResponse({ type: PolicyPreviewDto })
  @ApiBody({ schema: { type: 'object', properties: { policy: { type: 'object' } }, required: ['policy'] } })
  preview(@Param('id', uuid) id: string, @Body() body: { policy?: unknown }, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.preview(context(user, request), id, body?.policy);
  }

  @Put(':id/pppoe')
  @RequirePermissions('subscription.manage')
  @ApiOperation({ summary: 'Change the PPPoE username and/or password; FreeRADIUS is updated in the same transaction' })
  @ApiConflictResponse({ description: 'The username is used by another subscription of the tenant, or the subscription is cancelled' })
  @ApiOkResponse({ type: PppoeCredentialsChangedDto })
  changePppoe(@Param('id', uuid) id: string, @Body() body: PppoeCredentialsDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.subscriptions.changePppoeCredentials(context(user, request), id, body);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: `Operator action: ${Object.keys(SUBSCRIPTION_ACTIONS).join(', ')}; each with a reason`,
    description: 'An action that would change nothing (suspending a suspended subscription, cancelling a cancelled one, …) is refused with 409 and the reason.',
  })
  @ApiConflictResponse({ description: 'The action would change nothing, or the subscription\'s state does not allow it (reason in Indonesian)' })
  @ApiOkResponse({ type: ActionResultDto })
  @ApiBody({ schema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } })
  act(
    @Param('id', uuid) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.subscriptions.act(context(user, request), id, action, body);
  }
}
