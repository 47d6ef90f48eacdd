import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type LunasConfig } from '@lunas/config';
import { seedDatabase } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';

export interface TestApp {
  app: NestExpressApplication;
  config: LunasConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real API on a fresh, migrated and seeded database. Temporal points at a closed port unless
 * `temporalAddress` is given, so nothing here needs a Temporal server.
 */
export async function startTestApp(options: { temporalAddress?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDatabase(database.dataSource);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: options.temporalAddress ?? '127.0.0.1:1',
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true, bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Logs in through the real endpoint and returns an `Authorization` header value. */
export async function bearer(t: TestApp, username: string, password: string): Promise<string> {
  const { default: request } = await import('supertest');
  const response = await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username, password }).expect(200);
  return `Bearer ${response.body.accessToken}`;
}
