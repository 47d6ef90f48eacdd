import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../../common/instants/api-instant';

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 'chargeback' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, nullable: true }) entityType!: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiInstant({ nullable: true, description: 'When the caller read it; null while unread' }) readAt!: string | null;
}

export class InboxDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiProperty() unread!: number;
}

export class ReadReceiptDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiInstant() readAt!: string;
}
