import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LunasConfig } from '@lunas/config';
import { Logger } from 'nestjs-pino';
import { validationMessage } from '../common/validation-message';
import { documentWebhookRoute, mountWebhookRoute } from '../webhooks/webhook-route';
import { applyHttpTimeouts } from './http-timeouts';
import { applySecurityHeaders } from './security-headers';

/** HTTP-level setup shared by `main.ts` and the end-to-end tests. */
export function configureApp(app: NestExpressApplication, config: LunasConfig): void {
  app.useLogger(app.get(Logger));
  applyHttpTimeouts(app.getHttpServer());
  app.set('trust proxy', 'loopback');
  applySecurityHeaders(app);
  mountWebhookRoute(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationMessage,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lunas API')
      .setDescription('Billing and dunning for Indonesian ISPs and their mitra')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  documentWebhookRoute(document);
  SwaggerModule.setup('api/docs', app, document);
  if (config.consoleDist) app.useStaticAssets(config.consoleDist, { index: false });
}
