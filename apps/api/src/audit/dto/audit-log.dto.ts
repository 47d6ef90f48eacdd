import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import type { ListAuditLogQuery } from '@lunas/contracts';
import { IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { ApiInstant } from '../../common/instants/api-instant';
import { ListQueryDto } from '../../common/list/list-query.dto';

export class ListAuditLogQueryDto extends OmitType(ListQueryDto, ['sort'] as const) implements ListAuditLogQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ example: 'customer.', description: 'Exact action, or a prefix ending in "."' })
  @IsOptional() @Matches(/^[a-z_.]{1,100}$/, { message: 'action hanya huruf kecil, titik dan garis bawah' })
  action?: string;
  @ApiPropertyOptional({ example: 'customer' }) @IsOptional() @Matches(/^[a-z_]{1,100}$/, { message: 'entityType hanya huruf kecil dan garis bawah' }) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'From this day (WIB), inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'To this day (WIB), inclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Superadmin only' }) @IsOptional() @IsUUID() tenantId?: string;
}

export class AuditLogRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiInstant() at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) tenantId!: string | null;
  @ApiProperty({ example: 'customer.update' }) action!: string;
  @ApiProperty({ example: 'customer' }) entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceIp!: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogRecordDto] }) items!: AuditLogRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
