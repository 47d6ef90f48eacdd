import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, RefreshToken } from '@lunas/persistence';
import { startTestApp, type TestApp } from './test-app';

describe('AuthController (medium: real PostgreSQL)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const login = (username: string, password: string) => http().post('/api/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  describe('login', () => {
    it('answers an access token, a refresh token and the user for the seeded superadmin', async () => {
      const response = await login('superadmin', DEV_ADMIN_PASSWORD).expect(200);
      expect(response.body).toMatchObject({ expiresIn: 900, user: { username: 'superadmin', roles: ['superadmin'] } });
      expect(response.body.accessToken.split('.')).toHaveLength(3);
      expect(response.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await t.database.dataSource.getRepository(RefreshToken).find();
      expect(stored.map((row) => row.tokenHash)).not.toContain(response.body.refreshToken);
    });

    it('refuses a wrong password in Indonesian and records the failure in the audit log', async () => {
      const response = await login('superadmin', 'salah').expect(401);
      expect(response.body.message).toBe('Nama pengguna atau kata sandi salah.');
      const failures = await t.database.dataSource.getRepository(AuditLog).countBy({ action: 'auth.login_failed' });
      expect(failures).toBeGreaterThan(0);
    });

    it('locks the account on the fifth failure, not the fourth, even for the right password', async () => {
      for (let i = 0; i < 4; i++) await login('mitra2', 'salah').expect(401);
      await login('mitra2', DEV_MITRA_PASSWORD).expect(200);
      for (let i = 0; i < 4; i++) await login('mitra2', 'salah').expect(401);
      const locked = await login('mitra2', 'salah').expect(423);
      expect(locked.body.message).toMatch(/^Akun terkunci karena 5 kali gagal masuk/);
      await login('mitra2', DEV_MITRA_PASSWORD).expect(423);
    });

    it('rejects unknown fields and missing fields with a message naming them', async () => {
      const extra = await http().post('/api/v1/auth/login').send({ username: 'a', password: 'b', role: 'x' }).expect(400);
      expect(extra.body.message).toBe('Kolom "role" tidak dikenal');
      const missing = await http().post('/api/v1/auth/login').send({ username: 'a' }).expect(400);
      expect(missing.body.message).toContain('Kolom "password" wajib diisi');
    });
  });

  describe('refresh', () => {
    it('rotates the token; presenting the old one again revokes the whole session', async () => {
      const first = (await login('superadmin', DEV_ADMIN_PASSWORD).expect(200)).body;
      const second = (await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      const afterReuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      expect(afterReuse.body.message).toBe('Sesi ini sudah tidak berlaku. Silakan masuk kembali.');
    });
  });

  describe('logout', () => {
    it('needs an access token and ends the refresh token', async () => {
      const session = (await login('superadmin', DEV_ADMIN_PASSWORD).expect(200)).body;
      await http().post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }).expect(401);
      await http()
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${session.accessToken}`)
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    });

    it('refuses a forged access token', async () => {
      const session = (await login('superadmin', DEV_ADMIN_PASSWORD).expect(200)).body;
      const [header, payload] = session.accessToken.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
      const response = await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${forged}`).send({ refreshToken: 'x' }).expect(401);
      expect(response.body.message).toBe('Sesi Anda sudah berakhir. Silakan masuk kembali.');
    });
  });
});
