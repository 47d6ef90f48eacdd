import request from 'supertest';
import { startTestApp, type TestApp } from './test-app';

describe('HealthController (medium)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('reports the database up and an unreachable Temporal down, with 503', async () => {
    const response = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(response.body.status).toBe('error');
    expect(response.body.details.database.status).toBe('up');
    expect(response.body.details.temporal.status).toBe('down');
  });

  it('serves the OpenAPI document without a token', async () => {
    const response = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/health', '/webhooks/{gateway}']));
  });
});
