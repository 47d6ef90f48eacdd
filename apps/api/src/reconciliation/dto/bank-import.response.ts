import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class StatementRowPreviewDto {
  @ApiProperty() rowNumber!: number;
  @ApiProperty({ example: 'matched' }) outcome!: string;
  @ApiProperty({ description: 'Indonesian, for the operator' }) reason!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The parsed statement line (date, amount, description)' })
  transaction?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The rule that matched the invoice' }) rule?: string;
  @ApiPropertyOptional({ format: 'uuid' }) invoiceId?: string;
  @ApiPropertyOptional({ type: [String] }) candidateInvoiceIds?: string[];
}

export class BankImportPreviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['bca', 'mandiri', 'bri'] }) bank!: string;
  @ApiProperty() layout!: string;
  @ApiPropertyOptional() accountNumber?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows per outcome' }) summary!: Record<string, number>;
  @ApiProperty({ type: [StatementRowPreviewDto] }) rows!: StatementRowPreviewDto[];
}

class ConfirmedRowDto {
  @ApiProperty() rowNumber!: number;
  @ApiProperty({ enum: ['recorded', 'already_imported', 'skipped'] }) outcome!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) paymentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) invoiceId?: string;
  @ApiPropertyOptional({ description: 'Rupiah' }) amount?: number;
}

export class BankImportReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() recorded!: number;
  @ApiProperty() alreadyImported!: number;
  @ApiProperty({ description: 'Rows left for Finance: ambiguous, unmatched and invalid' }) skipped!: number;
  @ApiProperty({ type: [ConfirmedRowDto] }) rows!: ConfirmedRowDto[];
}
