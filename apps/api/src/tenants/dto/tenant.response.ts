import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';
import { BankAccountDto } from './tenant-requests.dto';

export class TenantRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['platform', 'mitra'] }) kind!: string;
  @ApiProperty() businessName!: string;
  @ApiProperty({ type: String, nullable: true }) contactName!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) gatewayAccountRef!: string | null;
  @ApiProperty({ type: [BankAccountDto] }) bankAccounts!: BankAccountDto[];
  @ApiProperty({ description: 'Prefix of the references gateways see (T<no>-…)' }) referenceNo!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty() customerCount!: number;
  @ApiInstant() createdAt!: string;
}

export class TenantPageDto {
  @ApiProperty({ type: [TenantRecordDto] }) items!: TenantRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
