import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATEWAY_NAMES } from '@lunas/payments';
import { INVOICE_STATUSES } from '@lunas/contracts';
import { ApiInstant } from '../../common/instants/api-instant';

export class CreatedPaymentDto {
  @ApiProperty({ enum: GATEWAY_NAMES }) gateway!: string;
  @ApiProperty({ description: "The gateway's id for this transaction" }) gatewayReference!: string;
  @ApiPropertyOptional({ description: "The gateway's pay page" }) payUrl?: string;
  @ApiPropertyOptional() vaNumber?: string;
  @ApiPropertyOptional({ description: 'Mandiri bill payment: the biller code to enter with the bill key in vaNumber' }) billerCode?: string;
  @ApiPropertyOptional() qrString?: string;
  @ApiInstant() expiresAt!: string;
}

export class InvoiceBalanceDto {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: string;
  @ApiProperty({ description: 'Rupiah' }) total!: number;
  @ApiProperty({ description: 'Rupiah' }) amountPaid!: number;
  @ApiProperty({ description: 'Rupiah' }) balance!: number;
  @ApiProperty() version!: number;
}

export class RecordedPaymentDto {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ description: 'Rupiah applied to the invoice' }) allocated!: number;
  @ApiProperty({ description: "Rupiah beyond the balance, kept as the customer's credit" }) overpayment!: number;
  @ApiProperty({ type: InvoiceBalanceDto }) invoice!: InvoiceBalanceDto;
}

export class RefundedPaymentDto {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ format: 'uuid' }) creditNoteId!: string;
  @ApiProperty({ description: 'Rupiah taken back from the invoice (it owes again)' }) fromInvoice!: number;
  @ApiProperty({ description: 'Rupiah taken from the credit' }) fromCredit!: number;
  @ApiProperty({ type: InvoiceBalanceDto }) invoice!: InvoiceBalanceDto;
}
