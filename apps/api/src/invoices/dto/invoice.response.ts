import { ApiProperty } from '@nestjs/swagger';
import { INVOICE_STATUSES } from '@lunas/contracts';
import { ApiInstant } from '../../common/instants/api-instant';

export class InvoiceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty() customerName!: string;
  @ApiProperty({ example: 'INV/2026/02/000123' }) number!: string;
  @ApiProperty({ example: '2026-02' }) period!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiInstant() issuedAt!: string;
  @ApiInstant() dueAt!: string;
  @ApiProperty({ description: 'Rupiah' }) subtotal!: number;
  @ApiProperty({ description: 'Rupiah' }) discountAmount!: number;
  @ApiProperty({ description: 'Rupiah: the PPN base' }) dpp!: number;
  @ApiProperty({ example: 0.11 }) ppnRate!: number;
  @ApiProperty() pricesIncludePpn!: boolean;
  @ApiProperty({ description: 'Rupiah' }) ppnAmount!: number;
  @ApiProperty({ description: 'Rupiah, PPN included' }) total!: number;
  @ApiProperty({ description: 'Rupiah' }) amountPaid!: number;
  @ApiProperty({ description: 'Rupiah still to pay (0 when void)' }) balance!: number;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: string;
  @ApiProperty({ description: 'Optimistic-lock version; a kasir records a payment against the version read' }) version!: number;
  @ApiProperty({ description: 'Whole days (WIB) past due while it still owes something; 0 otherwise' }) overdueDays!: number;
}

export class InvoicePageDto {
  @ApiProperty({ type: [InvoiceSummaryDto] }) items!: InvoiceSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class InvoiceItemDto {
  @ApiProperty({ example: 'package' }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Rupiah' }) amount!: number;
}

class InvoicePaymentDto {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ example: 'sandbox' }) gateway!: string;
  @ApiProperty({ example: 'va' }) method!: string;
  @ApiProperty({ description: "The gateway's transaction id or the kasir's reference" }) reference!: string;
  @ApiProperty({ description: 'Rupiah allocated to this invoice' }) amount!: number;
  @ApiInstant({ nullable: true }) paidAt!: string | null;
}

export class InvoiceDetailDto extends InvoiceSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The discount as it was when the invoice was issued' })
  discountSnapshot!: Record<string, unknown> | null;
  @ApiProperty({ type: [InvoiceItemDto] }) items!: InvoiceItemDto[];
  @ApiProperty({ type: [InvoicePaymentDto] }) payments!: InvoicePaymentDto[];
  @ApiProperty({ description: 'Rupiah: the late-fee lines (0 when none)' }) lateFee!: number;
  @ApiProperty({ example: 'http://localhost:3000/bayar/3q2…', description: "The customer's pay page" }) payLink!: string;
}
