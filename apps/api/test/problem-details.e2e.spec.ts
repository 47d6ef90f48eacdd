import request from 'supertest';
import { DEV_ADMIN_PASSWORD } from '@lunas/persistence';
import { UNEXPECTED_DETAIL } from '../src/common/problem-details/problem';
import { InvoicesService } from '../src/invoices/invoices.service';
import { bearer, startTestApp, type TestApp } from './test-app';

/** Every error of every route has one shape: RFC 9457 problem details with an Indonesian `detail`. */
describe('ProblemDetailsFilter (medium: the real API)', () => {
  let t: TestApp;
  let admin: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({
      // A fault of ours: the message names internals that must not reach the caller.
      override: (builder) =>
        builder.overrideProvider(InvoicesService).useValue({
          list: () => Promise.reject(new Error('relation "invoices_secret" does not exist at pg/lib/client.js')),
        }),
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  const expectProblem = (response: request.Response, status: number, instance: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), instance }));
    expect(response.body).not.toHaveProperty('statusCode');
    expect(response.body).not.toHaveProperty('message');
  };

  it('lists each invalid field of a validation failure in `errors`', async () => {
    const response = await http().post('/api/v1/auth/login').send({ username: 'superadmin', extra: 1 });
    expectProblem(response, 400, '/api/v1/auth/login');
    expect(response.body).toMatchObject({ type: 'urn:lunas:problem:validation', title: 'Permintaan tidak valid' });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'password', message: 'Kolom "password" wajib diisi' },
        { field: 'extra', message: 'Kolom "extra" tidak dikenal' },
      ]),
    );
    expect(response.body.detail).toContain('Kolom "password" wajib diisi');
  });

  it('answers a body that is not JSON in Indonesian', async () => {
    const response = await http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":');
    expectProblem(response, 400, '/api/v1/auth/login');
    expect(response.body.detail).toBe('Isi permintaan bukan JSON yang valid.');
  });

  it('answers an unknown route 404 in Indonesian, without echoing the framework', async () => {
    const response = await http().get('/api/v1/tidak-ada?x=1').set('Authorization', admin);
    expectProblem(response, 404, '/api/v1/tidak-ada');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Tidak ditemukan', detail: 'Alamat atau data yang diminta tidak ditemukan.' });
  });

  it('answers a missing token 401 and a refusal with its own Indonesian detail', async () => {
    const response = await http().get('/api/v1/subscriptions');
    expectProblem(response, 401, '/api/v1/subscriptions');
    expect(response.body.detail).toBe('Silakan masuk terlebih dahulu.');
  });

  it('answers a rate limit 429 with Retry-After', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 31 && !limited; i++) {
      const response = await http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ username: 'superadmin', password: 'salah' });
      if (response.status === 429) limited = response;
    }
    expectProblem(limited as request.Response, 429, '/api/v1/auth/login');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited?.body.title).toBe('Terlalu banyak permintaan');
  });

  it('answers an unexpected fault 500 with a generic Indonesian detail and no internals', async () => {
    const response = await http().get('/api/v1/invoices').set('Authorization', admin);
    expectProblem(response, 500, '/api/v1/invoices');
    expect(response.body.detail).toBe(UNEXPECTED_DETAIL);
    expect(response.text).not.toMatch(/invoices_secret|pg\/lib|stack/);
  });

  it('answers a webhook route (mounted outside Nest) with the same shape', async () => {
    const response = await http().post('/webhooks/tidak-dikenal').send({});
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: response.status, instance: '/webhooks/tidak-dikenal', detail: expect.any(String) });
  });
});
