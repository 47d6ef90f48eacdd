import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiInstant } from '../../common/instants/api-instant';

export class ResendPayLinkDto {
  @ApiPropertyOptional({ example: 'Pelanggan minta dikirim ulang', description: 'Why (audit log)' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class ResentPayLinkDto {
  @ApiProperty({ enum: ['whatsapp', 'email'], isArray: true, description: 'The channels the customer agreed to, in the order tried' })
  channels!: string[];
  @ApiProperty({ description: "The customer's pay page that the message carries" }) payLink!: string;
  @ApiInstant() queuedAt!: string;
  @ApiProperty({ description: 'true: a resend of this invoice was already queued within the window; this request queued nothing new' })
  alreadyQueued!: boolean;
}
