import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last invoice number handed out per tenant and month; row-locked while a number is allocated. */
@Entity('invoice_number_sequences')
export class InvoiceNumberSequence {
  @PrimaryColumn({ type: 'uuid' }) tenantId!: string;
  /** `YYYY-MM` in Asia/Jakarta. */
  @PrimaryColumn({ type: 'char', length: 7 }) period!: string;
  @Column({ type: 'integer' }) lastValue!: number;
}
