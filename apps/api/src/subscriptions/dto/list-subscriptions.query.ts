import { ApiPropertyOptional } from '@nestjs/swagger';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@lunas/persistence';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ListSubscriptionsQuery {
  @ApiPropertyOptional({ description: 'Dunning stage (from the workflows\' search attributes), e.g. reminded, suspended' })
  @IsOptional() @IsString() @MaxLength(30)
  stage?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  suspended?: boolean;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES })
  @IsOptional() @IsIn(SUBSCRIPTION_STATUSES)
  status?: SubscriptionStatus;

  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'Superadmin only: narrow to one tenant' }) @IsOptional() @IsUUID() tenantId?: string;

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize = 25;
}
