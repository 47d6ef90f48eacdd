import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { LunasConfig } from '@lunas/config';
import { Logger } from 'nestjs-pino';
import { validationMessage } from '../common/validation-message';
import { mountHttpMetrics } from '../observability/http-metrics';
import { mountHttpTracing } from '../observability/http-tracing';
import { mountMetricsRoute } from '../observability/metrics-route';
import { mountRequestId } from '../observability/request-id';
import { mountWebhookRoute } from '../webhooks/webhook-route';
import { HttpDrain } from './http-drain';
import { applyHttpTimeouts } from './http-timeouts';
import { buildOpenApiDocument } from './openapi';
import { applySecurityHeaders } from './security-headers';

/** HTTP-level setup shared by `main.ts` and the end-to-end tests. */
export function configureApp(app: NestExpressApplication, config: LunasConfig): void {
  app.useLogger(app.get(Logger));
  applyHttpTimeouts(app.getHttpServer());
  app.use(app.get(HttpDrain).middleware);
  app.set('trust proxy', 'loopback');
  mountRequestId(app);
  mountHttpTracing(app);
  mountHttpMetrics(app);
  applySecurityHeaders(app);
  mountMetricsRoute(app, config);
  mountWebhookRoute(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationMessage,
    }),
  );
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app));
  if (config.consoleDist) app.useStaticAssets(config.consoleDist, { index: false });
}
