import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_STATUSES, type CreateCustomerRequest, type CustomerStatus, type ListCustomersQuery, type UpdateCustomerRequest } from '@lunas/contracts';
import { PartialType, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';

export class ListCustomersQueryDto extends ListQueryDto implements ListCustomersQuery {
  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES }) @IsOptional() @IsIn(CUSTOMER_STATUSES) status?: CustomerStatus;
  @ApiPropertyOptional({ description: 'Customers with a (not cancelled) subscription on this package' }) @IsOptional() @IsUUID() packageId?: string;
  @ApiPropertyOptional({ description: 'Superadmin only: one mitra (= area)' }) @IsOptional() @IsUUID() tenantId?: string;
}

export class CreateCustomerDto implements CreateCustomerRequest {
  @ApiPropertyOptional({ description: 'Superadmin only; everyone else creates in their own tenant' }) @IsOptional() @IsUUID() tenantId?: string;

  @ApiPropertyOptional({ description: 'Customer number; default the next PLG-000001… of the tenant', maxLength: 30 })
  @IsOptional() @Matches(/^[A-Za-z0-9._/-]{1,30}$/, { message: 'Nomor pelanggan hanya boleh huruf, angka, titik, garis miring, garis bawah dan strip (maks. 30)' })
  code?: string;

  @ApiProperty({ maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;

  @ApiProperty({ example: '081234567890', description: 'Any Indonesian form; stored as 6281234567890' })
  @IsString() @IsNotEmpty() @MaxLength(25)
  phone!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '3201010101010001', description: '16 digits; encrypted at rest, answered masked' })
  @IsOptional() @ValidateIf((_, value) => value !== null) @Matches(/^\d{16}$/, { message: 'NIK harus 16 digit angka' })
  nik?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsEmail({}, { message: 'Alamat email tidak valid' }) @MaxLength(255)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(1000) address?: string | null;
  @ApiProperty({ description: 'The customer agreed to WhatsApp messages' }) @IsBoolean({ message: 'whatsappConsent harus true atau false' }) whatsappConsent!: boolean;
  @ApiProperty({ description: 'The customer agreed to email' }) @IsBoolean({ message: 'emailConsent harus true atau false' }) emailConsent!: boolean;
  @ApiPropertyOptional({ format: 'date', description: 'Default today (WIB)' }) @IsOptional() @IsISO8601({ strict: true }) registerDate?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(2000) notes?: string | null;
}

/** Only the fields sent change; a holder of customer.update_contact alone may change phone, email and consents. */
export class UpdateCustomerDto extends PartialType(OmitType(CreateCustomerDto, ['tenantId', 'code'] as const)) implements UpdateCustomerRequest {}

export class CustomerReasonDto {
  @ApiProperty({ example: 'Pelanggan pindah rumah' }) @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}
