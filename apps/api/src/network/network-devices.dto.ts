import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsIP, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { NETWORK_DEVICE_METHODS, type NetworkDeviceMethod } from '@lunas/persistence';

/** A NAS / router of the mitra. Secrets are write-only: the answer only says whether one is set. */
export class NetworkDeviceDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) site!: string | null;
  @ApiProperty({ enum: NETWORK_DEVICE_METHODS }) method!: NetworkDeviceMethod;
  @ApiProperty() address!: string;
  @ApiProperty() coaPort!: number;
  @ApiProperty() apiPort!: number;
  @ApiProperty() apiTls!: boolean;
  @ApiProperty({ nullable: true, type: String }) apiUsername!: string | null;
  @ApiProperty({ description: 'True when a RADIUS secret or API password is stored (encrypted)' }) hasSecret!: boolean;
}

export class CreateNetworkDeviceDto {
  @ApiProperty({ example: 'Router Sukamaju 1' }) @IsString({ message: 'Nama perangkat harus berupa teks' }) @Length(1, 100, { message: 'Nama perangkat 1–100 karakter' })
  name!: string;

  @ApiPropertyOptional({ example: 'POP Sukamaju' }) @IsOptional() @IsString({ message: 'Lokasi harus berupa teks' }) @Length(1, 100, { message: 'Lokasi 1–100 karakter' })
  site?: string;

  @ApiProperty({ enum: NETWORK_DEVICE_METHODS, description: '`radius`: FreeRADIUS + CoA/Disconnect; `routeros`: the RouterOS API' })
  @IsIn(NETWORK_DEVICE_METHODS, { message: 'Metode harus "radius" atau "routeros"' })
  method!: NetworkDeviceMethod;

  @ApiProperty({ example: '10.0.0.1', description: 'IP the NAS sends RADIUS from and answers CoA / the API on' })
  @IsIP(undefined, { message: 'Alamat perangkat harus alamat IP yang valid' })
  address!: string;

  @ApiPropertyOptional({ default: 3799 }) @IsOptional() @IsInt({ message: 'Port CoA harus bilangan bulat' }) @Min(1, { message: 'Port CoA 1–65535' }) @Max(65535, { message: 'Port CoA 1–65535' })
  coaPort?: number;

  @ApiPropertyOptional({ description: 'Shared secret (method radius)' })
  @ValidateIf((dto: CreateNetworkDeviceDto) => dto.method === 'radius')
  @IsNotEmpty() @IsString({ message: 'Secret RADIUS harus berupa teks' }) @Length(8, 128, { message: 'Secret RADIUS 8–128 karakter' })
  radiusSecret?: string;

  @ApiPropertyOptional({ default: 8728, description: '8728 (api) or 8729 (api-ssl)' }) @IsOptional() @IsInt({ message: 'Port API harus bilangan bulat' }) @Min(1, { message: 'Port API 1–65535' }) @Max(65535, { message: 'Port API 1–65535' })
  apiPort?: number;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean({ message: 'apiTls harus true atau false' })
  apiTls?: boolean;

  @ApiPropertyOptional({ description: 'RouterOS API user (method routeros)' })
  @ValidateIf((dto: CreateNetworkDeviceDto) => dto.method === 'routeros')
  @IsNotEmpty() @IsString({ message: 'Pengguna API harus berupa teks' }) @Length(1, 100, { message: 'Pengguna API 1–100 karakter' })
  apiUsername?: string;

  @ApiPropertyOptional({ description: 'RouterOS API password (method routeros)' })
  @ValidateIf((dto: CreateNetworkDeviceDto) => dto.method === 'routeros')
  @IsNotEmpty() @IsString({ message: 'Kata sandi API harus berupa teks' }) @Length(1, 128, { message: 'Kata sandi API 1–128 karakter' })
  apiPassword?: string;

  @ApiPropertyOptional({ description: 'Superadmin only: the mitra the device belongs to' }) @IsOptional() @IsUUID('4', { message: 'tenantId harus UUID' })
  tenantId?: string;
}

export class NetworkQuery {
  @ApiPropertyOptional({ description: 'Superadmin only: one mitra' }) @IsOptional() @IsUUID('4', { message: 'tenantId harus UUID' }) tenantId?: string;
}

export class NetworkActionsQuery {
  @ApiProperty() @IsUUID('4', { message: 'subscriptionId harus UUID' }) subscriptionId!: string;
}

export class LiveSessionDto {
  @ApiProperty() acctSessionId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ nullable: true, type: String }) subscriptionId!: string | null;
  @ApiProperty() nasIpAddress!: string;
  @ApiProperty({ nullable: true, type: String }) framedIpAddress!: string | null;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ description: 'In the isolir group now' }) isolated!: boolean;
}

export class NetworkActionDto {
  @ApiProperty() id!: string;
  @ApiProperty() action!: string;
  @ApiProperty() result!: string;
  @ApiProperty({ nullable: true, type: String }) adapter!: string | null;
  @ApiProperty({ type: Object, nullable: true }) detail!: Record<string, unknown> | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}
