import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';

export class DunningPolicyVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The policy document (steps, send window, promise-to-pay rules)' })
  body!: Record<string, unknown>;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiInstant() createdAt!: string;
}

export class CreatedDunningPolicyDto extends DunningPolicyVersionDto {
  @ApiProperty({ enum: ['next_cycle', 'now'] }) mode!: string;
  @ApiProperty({ description: 'Running workflows told now (the rest adopt it at their next cycle)' }) workflowsNotified!: number;
}
