import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsRupiah } from '../../common/is-rupiah';

/** An admin gives money of a payment back; a credit note documents it. */
export class RefundPaymentDto {
  @ApiProperty({ description: 'Integer rupiah given back' })
  @IsRupiah(1)
  amount!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
