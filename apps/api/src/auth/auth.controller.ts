import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { clientInfo } from './client-info';
import { CurrentUser } from './current-user.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { SessionDto } from './dto/session.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Username + password → access token (15 min) and refresh token. 30 attempts a minute per address (429); 5
   * failures of one username from one address lock that pair for 15 minutes (429); 20 failures of an account
   * from any addresses lock it for 15 minutes (423). Both carry `Retry-After`.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<SessionDto> {
    return this.auth.login(body.username, body.password, clientInfo(request));
  }

  /** Rotates the refresh token: the old one stops working; presenting it again revokes the session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() body: RefreshDto, @Req() request: Request): Promise<SessionDto> {
    return this.auth.refresh(body.refreshToken, clientInfo(request));
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: RefreshDto, @CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<void> {
    await this.auth.logout(body.refreshToken, user, clientInfo(request));
  }
}
