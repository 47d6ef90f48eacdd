import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../common/instants/api-instant';

class CreditBySubscriptionDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: credit of the account as a whole' }) subscriptionId!: string | null;
  @ApiProperty({ description: 'Rupiah' }) credit!: number;
}

class CreditAllocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) fromSubscriptionId!: string;
  @ApiProperty({ format: 'uuid' }) toSubscriptionId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) creditNoteId!: string | null;
  @ApiProperty({ description: 'Rupiah' }) amount!: number;
  @ApiInstant() createdAt!: string;
}

class CreditNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NK/2026/000001' }) number!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subscriptionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) paymentId!: string | null;
  @ApiProperty({ description: 'Rupiah refunded' }) amount!: number;
  @ApiProperty({ description: 'Rupiah of it taken from credit' }) fromCredit!: number;
  @ApiProperty({ description: 'Rupiah of it that reopened the invoice' }) fromInvoice!: number;
  @ApiProperty() reason!: string;
  @ApiInstant() createdAt!: string;
}

/** `GET /api/v1/customers/:id/credit`. */
export class CustomerCreditDto {
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ description: 'Rupiah the customer holds; any later invoice of its subscriptions may spend it' }) credit!: number;
  @ApiProperty({ type: [CreditBySubscriptionDto] }) bySubscription!: CreditBySubscriptionDto[];
  @ApiProperty({ type: [CreditAllocationDto], description: 'Newest first' }) allocations!: CreditAllocationDto[];
  @ApiProperty({ type: [CreditNoteDto], description: 'Newest first' }) creditNotes!: CreditNoteDto[];
}
