import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';

export class PackageRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ description: 'A package of the platform tenant, offered by every mitra' }) global!: boolean;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '20 Mbps' }) speed!: string;
  @ApiProperty({ description: 'Monthly price, rupiah' }) price!: number;
  @ApiProperty({ description: "The owner's billing setting: the price includes PPN" }) pricesIncludePpn!: boolean;
  @ApiProperty({ example: 1100 }) ppnRateBasisPoints!: number;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Subscriptions (not cancelled) on it' }) subscriptionCount!: number;
  @ApiInstant() createdAt!: string;
  @ApiInstant() updatedAt!: string;
}

export class PackagePageDto {
  @ApiProperty({ type: [PackageRecordDto] }) items!: PackageRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
