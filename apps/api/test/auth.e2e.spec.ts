import request from 'supertest';
import { hash } from '@node-rs/argon2';
import { AuditLog, DEV_ADMIN_PASSWORD, DEV_MITRA_PASSWORD, RefreshToken, User } from '@lunas/persistence';
import { startTestApp, type TestApp } from './test-app';

let addresses = 0;
/** A fresh client address (the API trusts X-Forwarded-For from loopback), so tests do not share rate limits. */
const newAddress = () => `198.51.100.${++addresses}`;

describe('AuthController (medium: real PostgreSQL)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const login = (username: string, password: string, from = '127.0.0.1') =>
    http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const me = (accessToken: string) => http().get('/api/v1/subscriptions').set('Authorization', `Bearer ${accessToken}`);
  /** A new active user of the platform tenant with the superadmin role. */
  const newUser = async (password: string) => {
    const users = t.database.dataSource.getRepository(User);
    const admin = await users.findOneOrFail({ where: { username: 'superadmin' }, relations: { roles: true } });
    const username = `petugas${++addresses}`;
    return users.save(users.create({ tenantId: admin.tenantId, username, name: username, passwordHash: await hash(password), roles: admin.roles }));
  };

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
      expect(response.body.detail).toBe('Nama pengguna atau kata sandi salah.');
      const failures = await t.database.dataSource.getRepository(AuditLog).countBy({ action: 'auth.login_failed' });
      expect(failures).toBeGreaterThan(0);
    });

    it('locks a username for one address on the fifth failure, not the fourth, while other addresses still log in', async () => {
      const guesser = newAddress();
      for (let i = 0; i < 4; i++) await login('mitra2', 'salah', guesser).expect(401);
      await login('mitra2', DEV_MITRA_PASSWORD, guesser).expect(200);
      for (let i = 0; i < 4; i++) await login('mitra2', 'salah', guesser).expect(401);
      const locked = await login('mitra2', 'salah', guesser).expect(429);
      expect(locked.body.detail).toMatch(/^Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat Anda\. Coba lagi setelah \d{2}\.\d{2} WIB\.$/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      await login('mitra2', DEV_MITRA_PASSWORD, guesser).expect(429);
      await login('mitra2', DEV_MITRA_PASSWORD, newAddress()).expect(200);
    });

    it('locks an unknown username for one address exactly like a known one', async () => {
      const guesser = newAddress();
      for (let i = 0; i < 4; i++) await login('tidak-ada', 'salah', guesser).expect(401);
      await login('tidak-ada', 'salah', guesser).expect(429);
    });

    it('locks the account on the twentieth failure from four addresses, with Retry-After', async () => {
      const user = await newUser('Rahasia123!');
      for (let a = 0; a < 4; a++) {
        const from = newAddress();
        for (let i = 0; i < 4; i++) await login(user.username, 'salah', from).expect(401);
        if (a < 3) await login(user.username, 'salah', from).expect(429);
      }
      const locked = await login(user.username, 'salah', newAddress()).expect(423);
      expect(locked.body.detail).toMatch(/^Akun terkunci karena terlalu banyak percobaan masuk yang gagal\. Coba lagi setelah/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      await login(user.username, 'Rahasia123!', newAddress()).expect(423);
    });

    it('answers the 31st attempt of one address within a minute with 429 and Retry-After, other addresses unaffected', async () => {
      const sprayer = newAddress();
      for (let i = 0; i < 30; i++) await login(`nama${i}`, 'salah', sprayer).expect(401);
      const limited = await login('superadmin', DEV_ADMIN_PASSWORD, sprayer).expect(429);
      expect(limited.body.detail).toMatch(/^Terlalu banyak percobaan masuk dari alamat Anda\. Coba lagi dalam \d+ detik\.$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      await login('superadmin', DEV_ADMIN_PASSWORD, newAddress()).expect(200);
    });

    it('takes as long for an unknown username as for a wrong password of a known one', async () => {
      const user = await newUser('Rahasia123!');
      const timed = async (username: string) => {
        const started = process.hrtime.bigint();
        await login(username, 'salah', newAddress()).expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 7; i++) {
        known.push(await timed(user.username));
        unknown.push(await timed(`tidak-ada-${i}`));
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      // Without the dummy hash the unknown path skips argon2 (~15 ms) and answers in a fraction of the time.
      // A wide margin: both paths hash once, and on a loaded machine their medians wander by a third.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
    });

    it('rejects unknown fields and missing fields with a message naming them', async () => {
      const extra = await http().post('/api/v1/auth/login').send({ username: 'a', password: 'b', role: 'x' }).expect(400);
      expect(extra.body.detail).toBe('Kolom "role" tidak dikenal');
      const missing = await http().post('/api/v1/auth/login').send({ username: 'a' }).expect(400);
      expect(missing.body.detail).toContain('Kolom "password" wajib diisi');
    });
  });

  describe('refresh', () => {
    it('rotates the token; presenting the old one again revokes the whole session', async () => {
      const first = (await login('superadmin', DEV_ADMIN_PASSWORD).expect(200)).body;
      const second = (await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      const afterReuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      expect(afterReuse.body.detail).toBe('Sesi ini sudah tidak berlaku. Silakan masuk kembali.');
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

    it('ends the access token at once, on this instance, even though it has not expired', async () => {
      const session = (await login('superadmin', DEV_ADMIN_PASSWORD, newAddress()).expect(200)).body;
      const other = (await login('superadmin', DEV_ADMIN_PASSWORD, newAddress()).expect(200)).body;
      await me(session.accessToken).expect(200);
      await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).send({ refreshToken: session.refreshToken }).expect(204);
      const refused = await me(session.accessToken).expect(401);
      expect(refused.body.detail).toBe('Sesi Anda sudah berakhir. Silakan masuk kembali.');
      await me(other.accessToken).expect(200);
    });

    it('ends the access token of a session whose refresh token was reused', async () => {
      const first = (await login('superadmin', DEV_ADMIN_PASSWORD, newAddress()).expect(200)).body;
      const second = (await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      await me(second.accessToken).expect(200);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      await me(second.accessToken).expect(401);
    });

    it.each([
      ['deactivated', { isActive: false }],
      ['given a new password', { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA' }],
    ])('ends every session of a user who is %s', async (_case, change) => {
      const user = await newUser('Rahasia123!');
      const session = (await login(user.username, 'Rahasia123!', newAddress()).expect(200)).body;
      await t.database.dataSource.getRepository(User).update(user.id, change);
      await me(session.accessToken).expect(401);
      await http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    });

    it('refuses a forged access token', async () => {
      const session = (await login('superadmin', DEV_ADMIN_PASSWORD).expect(200)).body;
      const [header, payload] = session.accessToken.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
      const response = await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${forged}`).send({ refreshToken: 'x' }).expect(401);
      expect(response.body.detail).toBe('Sesi Anda sudah berakhir. Silakan masuk kembali.');
    });
  });
});
