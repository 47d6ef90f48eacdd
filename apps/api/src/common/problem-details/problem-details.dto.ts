import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from './problem';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'billingDay', description: "Dotted path of the field in the request; '' for the request as a whole" }) field!: string;
  @ApiProperty({ example: 'Kolom "billingDay" di luar batas: billingDay must not be greater than 28' }) message!: string;
}

/** RFC 9457 problem details: the body of every error answer (`application/problem+json`). */
export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:lunas:problem:validation', description: '`urn:lunas:problem:<code>` for a problem Lunas names, else `about:blank`' }) type!: string;
  @ApiProperty({ example: 'Permintaan tidak valid', description: 'Indonesian summary of the status' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'Kolom "reason" wajib diisi', description: 'What went wrong, in Indonesian, for a person to act on' }) detail!: string;
  @ApiProperty({ example: '/api/v1/subscriptions', description: 'The request path' }) instance!: string;
  @ApiPropertyOptional({ example: 'INVOICE_STALE', description: 'Machine-readable reason, when there is one' }) code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'The invalid fields of a validation failure' }) errors?: FieldErrorDto[];
}
