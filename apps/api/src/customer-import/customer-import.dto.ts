import { BadRequestException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IMPORT_FIELDS, IMPORT_JOB_STATUSES, IMPORT_ROW_STATUSES, type ImportField, type ImportJobProgress, type ImportJobStatus, type ImportMapping,
  type ImportPreview, type ImportPreviewRow, type ImportRowStatus,
} from '@lunas/contracts';
import { IsOptional, IsString, IsUUID } from 'class-validator';

const MAPPING_SCHEMA = {
  type: 'object' as const,
  additionalProperties: { type: 'string', nullable: true },
  description: `Header of the file that feeds each field (null: none); fields: ${IMPORT_FIELDS.join(', ')}`,
};

/** Multipart fields beside `file`. */
export class PreviewImportDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Mitra to import into (superadmin; others import into their own)' })
  @IsOptional()
  @IsUUID('4', { message: 'ID mitra harus UUID yang valid' })
  tenantId?: string;

  @ApiPropertyOptional({ description: 'JSON of the column mapping; default the remembered or template mapping' })
  @IsOptional()
  @IsString()
  mapping?: string;
}

/** The `mapping` field as JSON: every field named, each a header or null; 400 otherwise. */
export function parseMapping(json: string | undefined): ImportMapping | null {
  if (json === undefined || json === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new BadRequestException('Pemetaan kolom bukan JSON yang valid.');
  }
  const record = value as Record<string, unknown>;
  const valid =
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.keys(record).every((key) => (IMPORT_FIELDS as readonly string[]).includes(key)) &&
    IMPORT_FIELDS.every((field) => record[field] === null || typeof record[field] === 'string' || record[field] === undefined);
  if (!valid) throw new BadRequestException(`Pemetaan kolom harus objek dengan kunci ${IMPORT_FIELDS.join(', ')} berisi judul kolom atau null.`);
  return Object.fromEntries(IMPORT_FIELDS.map((field) => [field, (record[field] as string | null | undefined) || null])) as ImportMapping;
}

export class ImportJobProgressDto implements ImportJobProgress {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: IMPORT_JOB_STATUSES }) status!: ImportJobStatus;
  @ApiProperty() totalRows!: number;
  @ApiProperty() processedRows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

class ImportPreviewRowDto implements ImportPreviewRow {
  @ApiProperty() line!: number;
  @ApiProperty({ enum: IMPORT_ROW_STATUSES }) status!: ImportRowStatus;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) cells!: Record<string, string>;
}

export class ImportPreviewDto extends ImportJobProgressDto implements ImportPreview {
  @ApiProperty({ type: [String] }) headers!: string[];
  @ApiProperty(MAPPING_SCHEMA) mapping!: Record<ImportField, string | null>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: `Rows per status: ${IMPORT_ROW_STATUSES.join(', ')}` }) counts!: Record<ImportRowStatus, number>;
  @ApiProperty({ type: [ImportPreviewRowDto] }) rows!: ImportPreviewRowDto[];
}

export class RememberedMappingDto {
  @ApiProperty({ ...MAPPING_SCHEMA, nullable: true }) mapping!: Record<ImportField, string | null> | null;
}

export class MappingQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4', { message: 'ID mitra harus UUID yang valid' })
  tenantId?: string;
}
