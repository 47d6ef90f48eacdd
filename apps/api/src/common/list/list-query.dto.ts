import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@lunas/contracts';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `true`/`false` of a query string as a boolean (anything else stays, and fails `@IsBoolean`). */
export const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Paging, sorting and search of every console list (`ListQuery` in libs/contracts). */
export class ListQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  pageSize = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'A field of the list, descending with a leading "-" (e.g. -createdAt)' })
  @IsOptional() @Matches(/^-?[A-Za-z]{1,40}$/, { message: 'sort harus nama kolom, diawali "-" untuk urutan menurun (contoh -createdAt)' })
  sort?: string;

  @ApiPropertyOptional({ description: 'Free-text search', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}
