import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import type { BankAccount, CreateTenantRequest, ListTenantsQuery, SetBankAccountsRequest, UpdateTenantRequest } from '@lunas/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';

export class ListTenantsQueryDto extends ListQueryDto implements ListTenantsQuery {
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean({ message: 'active harus true atau false' }) active?: boolean;
}

export class BankAccountDto implements BankAccount {
  @ApiProperty({ example: 'BCA' }) @IsString() @IsNotEmpty() @MaxLength(100) bankName!: string;
  @ApiProperty({ example: '1234567890' }) @Matches(/^\d{5,30}$/, { message: 'Nomor rekening harus 5–30 digit angka' }) accountNumber!: string;
  @ApiProperty({ example: 'PT WiFi Sukamaju' }) @IsString() @IsNotEmpty() @MaxLength(255) holder!: string;
}

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: 'WiFi Sukamaju' }) @IsString() @IsNotEmpty() @MaxLength(255) businessName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(255) contactName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '081234567890' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(25) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsEmail({}, { message: 'Alamat email tidak valid' }) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Account reference at the payment gateway' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'Referensi akun gateway hanya boleh huruf, angka, titik, titik dua, garis bawah dan strip' })
  gatewayAccountRef?: string | null;
  @ApiPropertyOptional({ type: [BankAccountDto] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => BankAccountDto) bankAccounts?: BankAccountDto[];
}

export class UpdateTenantDto extends PartialType(CreateTenantDto) implements UpdateTenantRequest {
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'active harus true atau false' }) active?: boolean;
  @ApiPropertyOptional({ description: 'Why (required when deactivating)' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class SetBankAccountsDto implements SetBankAccountsRequest {
  @ApiProperty({ type: [BankAccountDto] }) @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => BankAccountDto) bankAccounts!: BankAccountDto[];
}
