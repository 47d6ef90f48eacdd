import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATEMENT_BANKS, type StatementBank } from '@lunas/payments';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Form fields sent with the statement file (multipart field `file`). */
export class PreviewBankImportDto {
  @ApiProperty({ enum: STATEMENT_BANKS })
  @IsIn(STATEMENT_BANKS)
  bank!: StatementBank;

  @ApiPropertyOptional({ description: 'Year of BCA exports without a Periode line (dates are DD/MM)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Superadmin only: the tenant whose account the statement is of (default: own)' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}
