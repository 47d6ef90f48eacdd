import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequirePermissions } from '../auth/require-permissions.decorator';
import { DunningPoliciesService } from './dunning-policies.service';
import { CreatedDunningPolicyDto, DunningPolicyVersionDto } from './dto/dunning-policy.response';

export class CreateDunningPolicyDto {
  @ApiProperty({ description: 'The policy document (steps, send window, promise-to-pay rules); validated' })
  @IsDefined() @IsObject()
  policy!: Record<string, unknown>;

  @ApiProperty({ enum: ['next_cycle', 'now'], description: 'Apply from the next billing cycle, or now at a safe point' })
  @IsIn(['next_cycle', 'now'])
  mode!: 'next_cycle' | 'now';

  @ApiPropertyOptional({ description: 'Superadmin only: the tenant the policy is for' })
  @IsOptional() @IsUUID()
  tenantId?: string;
}

export class ListDunningPoliciesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() tenantId?: string;
}

@ApiTags('dunning-policies')
@ApiBearerAuth()
@Controller('api/v1/dunning-policies')
export class DunningPoliciesController {
  constructor(private readonly policies: DunningPoliciesService) {}

  @Get()
  @RequirePermissions('dunning_policy.read')
  @ApiOperation({ summary: 'Every version of the tenant\'s dunning policy, newest first' })
  @ApiOkResponse({ type: [DunningPolicyVersionDto] })
  list(@Query() query: ListDunningPoliciesQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.policies.list(user, query.tenantId);
  }

  @Post()
  @RequirePermissions('dunning_policy.manage')
  @ApiOperation({ summary: 'Store a new policy version (validated) and tell the running workflows' })
  @ApiCreatedResponse({ type: CreatedDunningPolicyDto })
  create(@Body() body: CreateDunningPolicyDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.policies.create(user, body, request.ip ?? null);
  }
}
