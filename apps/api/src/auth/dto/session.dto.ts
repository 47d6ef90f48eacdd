import { ApiProperty } from '@nestjs/swagger';

export class SessionUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
}

/** What login and refresh answer: a short-lived access token and a rotating refresh token. */
export class SessionDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn!: number;
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
}
