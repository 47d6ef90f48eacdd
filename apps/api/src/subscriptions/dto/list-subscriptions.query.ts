import { ApiPropertyOptional } from '@nestjs/swagger';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@lunas/persistence';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';

/** Besides paging: `sort` createdAt, startedOn, billingDay; `q` searches customer name and number and PPPoE username. */
export class ListSubscriptionsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Dunning stage (from the workflows\' search attributes), e.g. reminded, suspended' })
  @IsOptional() @IsString() @MaxLength(30)
  stage?: string;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean({ message: 'suspended harus true atau false' })
  suspended?: boolean;

  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES })
  @IsOptional() @IsIn(SUBSCRIPTION_STATUSES)
  status?: SubscriptionStatus;

  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() packageId?: string;
  @ApiPropertyOptional({ description: 'Superadmin only: narrow to one tenant' }) @IsOptional() @IsUUID() tenantId?: string;

}
