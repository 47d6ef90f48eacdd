import { ApiProperty } from '@nestjs/swagger';
import { CUSTOMER_STATUSES } from '@lunas/contracts';
import { ApiInstant } from '../../common/instants/api-instant';

export class CustomerListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ description: "The mitra's business name (the customer's area)" }) area!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '6281234567890' }) phone!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: CUSTOMER_STATUSES }) status!: string;
  @ApiProperty({ type: [String] }) pppoeUsernames!: string[];
  @ApiProperty({ type: [String], description: 'Packages of its subscriptions that are not cancelled' }) packages!: string[];
  @ApiProperty({ format: 'date' }) registerDate!: string;
  @ApiInstant() createdAt!: string;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerListItemDto] }) items!: CustomerListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CustomerRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() area!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, example: '3201••••••••0001' }) nikMasked!: string | null;
  @ApiProperty({ example: '6281234567890' }) phone!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty() whatsappConsent!: boolean;
  @ApiProperty() emailConsent!: boolean;
  @ApiInstant({ nullable: true }) consentUpdatedAt!: string | null;
  @ApiProperty({ format: 'date' }) registerDate!: string;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ enum: CUSTOMER_STATUSES }) status!: string;
  @ApiInstant({ nullable: true }) deactivatedAt!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiInstant() updatedAt!: string;
}

class CustomerSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) packageId!: string;
  @ApiProperty() packageName!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) pppoeUsername!: string | null;
  @ApiProperty() billingDay!: number;
  @ApiProperty({ format: 'date' }) startedOn!: string;
}

class CustomerInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() period!: string;
  @ApiInstant() dueAt!: string;
  @ApiProperty({ description: 'Rupiah' }) total!: number;
  @ApiProperty({ description: 'Rupiah' }) balance!: number;
  @ApiProperty() status!: string;
}

class CustomerPaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) invoiceId!: string | null;
  @ApiProperty() gateway!: string;
  @ApiProperty() method!: string;
  @ApiProperty({ description: 'Rupiah' }) amount!: number;
  @ApiProperty() status!: string;
  @ApiInstant({ nullable: true }) paidAt!: string | null;
}

class CustomerMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'whatsapp' }) channel!: string;
  @ApiProperty({ example: 'reminder_1' }) template!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiInstant({ nullable: true }) sentAt!: string | null;
  @ApiInstant() createdAt!: string;
}

class CustomerNetworkActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ example: 'suspend' }) action!: string;
  @ApiProperty() result!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detail!: Record<string, unknown> | null;
  @ApiInstant() createdAt!: string;
  @ApiInstant({ nullable: true }) completedAt!: string | null;
}

export class CustomerDetailDto {
  @ApiProperty({ type: CustomerRecordDto }) customer!: CustomerRecordDto;
  @ApiProperty({ type: [CustomerSubscriptionDto] }) subscriptions!: CustomerSubscriptionDto[];
  @ApiProperty({ type: [CustomerInvoiceDto], description: 'Latest 50' }) invoices!: CustomerInvoiceDto[];
  @ApiProperty({ type: [CustomerPaymentDto], description: 'Latest 50' }) payments!: CustomerPaymentDto[];
  @ApiProperty({ type: [CustomerMessageDto], description: 'Latest 50 (notification log)' }) messages!: CustomerMessageDto[];
  @ApiProperty({ type: [CustomerNetworkActionDto], description: 'Latest 50' }) networkActions!: CustomerNetworkActionDto[];
  @ApiProperty({ description: 'False once it has subscriptions, invoices or payments: then it can only be deactivated' }) deletable!: boolean;
}
