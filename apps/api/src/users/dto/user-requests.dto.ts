import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AssignRolesRequest, CreateUserRequest, ListUsersQuery, ResetPasswordRequest, UpdateUserRequest, UserReasonRequest } from '@lunas/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ListQueryDto, QueryBoolean } from '../../common/list/list-query.dto';

const PASSWORD_RULE = 'Kata sandi minimal 10 karakter dan memuat huruf serta angka';
const PasswordField = () =>
  applyDecorators(
    ApiProperty({ minLength: 10, description: 'At least 10 characters with letters and digits', writeOnly: true }),
    IsString(), MaxLength(200), Matches(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/s, { message: PASSWORD_RULE }),
  );
const RolesField = () =>
  applyDecorators(
    ApiProperty({ type: [String], example: ['admin_billing'], description: 'Role codes (GET /api/v1/roles)' }),
    IsArray(), ArrayMinSize(1, { message: 'Pilih minimal satu peran' }), ArrayMaxSize(10), IsString({ each: true }),
  );
const ReasonField = () => applyDecorators(ApiProperty({ example: 'Karyawan keluar' }), IsString(), IsNotEmpty(), MaxLength(500));

export class ListUsersQueryDto extends ListQueryDto implements ListUsersQuery {
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean({ message: 'active harus true atau false' }) active?: boolean;
  @ApiPropertyOptional({ example: 'kasir' }) @IsOptional() @IsString() @MaxLength(50) roleCode?: string;
  @ApiPropertyOptional({ description: 'Superadmin only' }) @IsOptional() @IsUUID() tenantId?: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiPropertyOptional({ description: 'Superadmin only; others create in their own tenant' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiProperty({ example: 'kasir.budi' })
  @Matches(/^[a-z0-9._-]{3,100}$/, { message: 'Username 3–100 karakter: huruf kecil, angka, titik, garis bawah atau strip' })
  username!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '081234567890' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(25) phone?: string | null;
  @PasswordField() password!: string;
  @RolesField() roles!: string[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(25) phone?: string | null;
}

export class AssignRolesDto implements AssignRolesRequest {
  @RolesField() roles!: string[];
  @ReasonField() reason!: string;
}

export class UserReasonDto implements UserReasonRequest {
  @ReasonField() reason!: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @PasswordField() password!: string;
  @ReasonField() reason!: string;
}
