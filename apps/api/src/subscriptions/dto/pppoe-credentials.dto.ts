import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ManualActionDto } from './subscription-actions.dto';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export const PPPOE_USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
export const PPPOE_USERNAME_MESSAGE = 'pppoeUsername hanya boleh huruf, angka, titik, garis bawah, @ dan strip';
export const PPPOE_PASSWORD_MIN = 4;
/** RADIUS User-Password carries at most 128 octets (RFC 2865 §5.2). */
export const PPPOE_PASSWORD_MAX = 128;
export const PPPOE_PASSWORD_LENGTH_MESSAGE = `pppoePassword harus ${PPPOE_PASSWORD_MIN}–${PPPOE_PASSWORD_MAX} karakter`;
/** Printable ASCII without spaces: what a MikroTik PPPoE client and RouterOS PPP secrets accept unquoted. */
export const PPPOE_PASSWORD_PATTERN = /^[\x21-\x7e]+$/;
export const PPPOE_PASSWORD_PATTERN_MESSAGE = 'pppoePassword hanya boleh karakter ASCII yang terlihat (tanpa spasi)';

/** New PPPoE credentials of a subscription; a password left out keeps the current one. */
export class PppoeCredentialsDto extends ManualActionDto {
  @ApiProperty({ description: 'PPPoE / RADIUS username on the network' })
  @IsString() @MaxLength(64) @Matches(PPPOE_USERNAME_PATTERN, { message: PPPOE_USERNAME_MESSAGE })
  pppoeUsername!: string;

  @ApiPropertyOptional({ description: 'New PPPoE password; omitted keeps the current one' })
  @IsOptional() @IsString() @Length(PPPOE_PASSWORD_MIN, PPPOE_PASSWORD_MAX, { message: PPPOE_PASSWORD_LENGTH_MESSAGE }) @Matches(PPPOE_PASSWORD_PATTERN, { message: PPPOE_PASSWORD_PATTERN_MESSAGE })
  pppoePassword?: string;
}
