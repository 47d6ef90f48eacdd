import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ListPaymentsQuery } from '@lunas/contracts';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ApiInstant } from '../../common/instants/api-instant';
import { ListQueryDto } from '../../common/list/list-query.dto';

const CODE = /^[a-z_]{1,32}$/;

export class ListPaymentsQueryDto extends ListQueryDto implements ListPaymentsQuery {
  @ApiPropertyOptional({ example: 'sandbox' }) @IsOptional() @Matches(CODE, { message: 'gateway tidak valid' }) gateway?: string;
  @ApiPropertyOptional({ example: 'va' }) @IsOptional() @Matches(CODE, { message: 'method tidak valid' }) method?: string;
  @ApiPropertyOptional({ example: 'succeeded' }) @IsOptional() @Matches(CODE, { message: 'status tidak valid' }) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() invoiceId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Paid on or after (WIB day)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Paid on or before (WIB day)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Superadmin only' }) @IsOptional() @IsUUID() tenantId?: string;
}

export class PaymentListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) invoiceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName!: string | null;
  @ApiProperty({ example: 'sandbox' }) gateway!: string;
  @ApiProperty({ description: "Gateway transaction id or the kasir's reference" }) reference!: string;
  @ApiProperty({ example: 'va' }) method!: string;
  @ApiProperty({ description: 'Rupiah' }) amount!: number;
  @ApiProperty({ example: 'succeeded' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'va_number' }) matchedRule!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) recordedBy!: string | null;
  @ApiInstant({ nullable: true }) paidAt!: string | null;
  @ApiInstant() createdAt!: string;
}

export class PaymentPageDto {
  @ApiProperty({ type: [PaymentListItemDto] }) items!: PaymentListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
