import { ApiProperty } from '@nestjs/swagger';
import type { MatchReconciliationRequest } from '@lunas/contracts';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class MatchReconciliationDto implements MatchReconciliationRequest {
  @ApiProperty({ format: 'uuid', description: 'The invoice the money is for' }) @IsUUID() invoiceId!: string;
  @ApiProperty({ example: 'Transfer atas nama istri pelanggan' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

class ReconciliationCandidateDto {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ description: 'Rupiah' }) balance!: number;
}

export class ReconciliationItemDto {
  @ApiProperty({ example: 'event:3f0c…', description: '`event:<uuid>` or `bank:<importId>:<row>`' }) id!: string;
  @ApiProperty({ enum: ['parked_event', 'ambiguous_bank_row'] }) kind!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) tenantId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() gateway!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Rupiah' }) amount!: number | null;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Why it waits, in Indonesian' }) reason!: string;
  @ApiProperty({ type: [ReconciliationCandidateDto] }) candidates!: ReconciliationCandidateDto[];
}

export class ReconciliationPageDto {
  @ApiProperty({ type: [ReconciliationItemDto] }) items!: ReconciliationItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReconciliationMatchResultDto {
  @ApiProperty() itemId!: string;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) paymentId!: string | null;
}
