import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type LunasConfig } from '@lunas/config';
import { seedDatabase } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';

export interface TestApp<F = undefined> {
  app: NestExpressApplication;
  config: LunasConfig;
  database: TestDatabase;
  /** What `prepare` returned. */
  fixture: F;
  close(): Promise<void>;
}

export interface TestAppOptions<F> {
  /** Temporal frontend; default a closed port, so nothing here needs a Temporal server. */
  temporalAddress?: string;
  env?: Record<string, string>;
  /** Rows the providers depend on, inserted after the seed and before boot. */
  prepare?: (dataSource: DataSource) => Promise<F>;
  /** Replaces providers (fakes of systems on the internet, faster relay timings). */
  override?: (builder: TestingModuleBuilder, fixture: F) => TestingModuleBuilder;
  /** An existing database to serve as it is (not seeded again); default a fresh, migrated and seeded one. */
  database?: TestDatabase;
  /** Whether `close` destroys open connections (default true); false closes them as production does. */
  forceCloseConnections?: boolean;
}

/** The real API on a fresh, migrated and seeded database. */
export async function startTestApp<F = undefined>(options: TestAppOptions<F> = {}): Promise<TestApp<F>> {
  const database = options.database ?? (await createTestDatabase());
  if (!options.database) await seedDatabase(database.dataSource);
  const fixture = (options.prepare ? await options.prepare(database.dataSource) : undefined) as F;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: options.temporalAddress ?? '127.0.0.1:1',
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] });
  const moduleRef = await (options.override ? options.override(builder, fixture) : builder).compile();
  // A test that listened on a port must not wait at `close` for a client's idle keep-alive connection (the server
  // advertises 65 s, and undici-based clients such as the sandbox gateway's webhook delivery keep it that long).
  const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true, bufferLogs: true, forceCloseConnections: options.forceCloseConnections ?? true });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    database,
    fixture,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Logs in through the real endpoint and returns an `Authorization` header value. */
export async function bearer<F>(t: TestApp<F>, username: string, password: string): Promise<string> {
  const { default: request } = await import('supertest');
  const response = await request(t.app.getHttpServer()).post('/api/v1/auth/login').send({ username, password }).expect(200);
  return `Bearer ${response.body.accessToken}`;
}
