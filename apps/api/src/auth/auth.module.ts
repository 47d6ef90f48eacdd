import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { DEFAULT_LIVE_SESSION_CACHE_MS, LIVE_SESSION_CACHE_MS, LiveSessions } from './live-sessions';
import { DEFAULT_LOGIN_RATE_LIMIT, LOGIN_RATE_LIMIT, LoginThrottle } from './login-throttle';
import { PermissionsGuard } from './permissions.guard';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [LUNAS_CONFIG],
      useFactory: (config: LunasConfig) => ({ secret: config.jwt.secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController],
  // Guards run in this order: authenticate, then check permissions.
  providers: [
    AuthService,
    LoginThrottle,
    LiveSessions,
    { provide: LOGIN_RATE_LIMIT, useValue: DEFAULT_LOGIN_RATE_LIMIT },
    { provide: LIVE_SESSION_CACHE_MS, useValue: DEFAULT_LIVE_SESSION_CACHE_MS },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
})
export class AuthModule {}
