import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

/** An admin gives money of a payment back; a credit note documents it. */
export class RefundPaymentDto {
  @ApiProperty({ description: 'Integer rupiah given back' })
  @IsInt()
  @Min(1)
  amount!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
