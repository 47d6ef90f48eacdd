import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import type { CreatePackageRequest, ListPackagesQuery, UpdatePackageRequest } from '@lunas/contracts';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';

export class ListPackagesQueryDto extends ListQueryDto implements ListPackagesQuery {
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean({ message: 'active harus true atau false' }) active?: boolean;
  @ApiPropertyOptional({ description: 'Superadmin only: the packages one tenant offers (its own and the global ones)' }) @IsOptional() @IsUUID() tenantId?: string;
}

export class CreatePackageDto implements CreatePackageRequest {
  @ApiPropertyOptional({ description: 'Superadmin only; default the platform tenant (a global package)' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiProperty({ example: 'Paket 20 Mbps', maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiProperty({ example: '20 Mbps', maxLength: 50 }) @IsString() @IsNotEmpty() @MaxLength(50) speed!: string;
  @ApiProperty({ example: 150000, description: 'Monthly price, whole rupiah' }) @IsInt() @Min(0) @Max(100_000_000) price!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(1000) description?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean({ message: 'active harus true atau false' }) active?: boolean;
}

/** A new price applies from each subscription's next invoice; issued invoices keep their amounts. */
export class UpdatePackageDto extends PartialType(OmitType(CreatePackageDto, ['tenantId'] as const)) implements UpdatePackageRequest {}
