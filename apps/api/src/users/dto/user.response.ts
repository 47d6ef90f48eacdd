import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';

export class UserRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() tenantName!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiInstant({ nullable: true }) lockedUntil!: string | null;
  @ApiInstant({ nullable: true }) lastLoginAt!: string | null;
  @ApiInstant() createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserRecordDto] }) items!: UserRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class PermissionRecordDto {
  @ApiProperty({ example: 'customer.read' }) code!: string;
  @ApiProperty() description!: string;
}

export class RoleRecordDto {
  @ApiProperty({ example: 'kasir' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() allTenants!: boolean;
  @ApiProperty({ type: [PermissionRecordDto] }) permissions!: PermissionRecordDto[];
}
