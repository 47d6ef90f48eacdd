import request from 'supertest';
import { AuditLog, DEV_ADMIN_PASSWORD, SEED_MITRAS, Tenant, User } from '@lunas/persistence';
import { UsersController } from '../../src/users/users.controller';
import { bearer, startTestApp, type TestApp } from '../test-app';
import { CONSOLE_TEST_PASSWORD, insertUser } from './console-users';

interface Fixture {
  mitra: Tenant;
  otherMitra: Tenant;
}

// The superadmin manages the seeded mitras' users; an auditor of WiFi Sukamaju may read users but not change them.
describe(UsersController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  let auditor: string;
  const http = () => request(t.app.getHttpServer());
  const login = (username: string, password: string) => http().post('/api/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const m = dataSource.manager;
        const mitra = await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[0].businessName });
        await insertUser(m, mitra.id, 'auditor1', ['auditor']);
        return { mitra, otherMitra: await m.findOneByOrFail(Tenant, { businessName: SEED_MITRAS[1].businessName }) };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
    auditor = await bearer(t, 'auditor1', CONSOLE_TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it('lists the built-in roles with their permissions', async () => {
    const roles = await http().get('/api/v1/roles').set('Authorization', auditor).expect(200);
    expect(roles.body.map((r: { code: string }) => r.code)).toEqual(['superadmin', 'mitra', 'admin_billing', 'kasir', 'noc', 'kolektor', 'finance', 'auditor', 'read_only']);
    expect(roles.body.find((r: { code: string }) => r.code === 'kasir').permissions).toContainEqual({ code: 'payment.record', description: 'Mencatat pembayaran tunai atau transfer' });
  });

  it("shows an auditor its tenant's users only", async () => {
    const list = await http().get('/api/v1/users').query({ tenantId: t.fixture.otherMitra.id }).set('Authorization', auditor).expect(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(['auditor1', 'mitra1']);
    await http().post('/api/v1/users').set('Authorization', auditor).send({}).expect(403);
  });

  it('creates a kasir who can log in; refuses a weak password, unknown roles and a taken username', async () => {
    const body = { tenantId: t.fixture.mitra.id, username: 'kasir.budi', name: 'Budi', phone: '0812 5555 6666', password: 'Kasir-2026x', roles: ['kasir'] };
    const created = await http().post('/api/v1/users').set('Authorization', admin).send(body).expect(201);
    expect(created.body).toMatchObject({ username: 'kasir.budi', phone: '6281255556666', roles: ['kasir'], active: true, tenantName: 'WiFi Sukamaju' });
    expect((await login('kasir.budi', 'Kasir-2026x').expect(200)).body.user.roles).toEqual(['kasir']);
    const weak = await http().post('/api/v1/users').set('Authorization', admin).send({ ...body, username: 'lemah', password: 'pendek', roles: ['dewa'] }).expect(400);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'Kolom "password" tidak valid: Kata sandi minimal 10 karakter dan memuat huruf serta angka' }]);
    const unknown = await http().post('/api/v1/users').set('Authorization', admin).send({ ...body, username: 'x.y.z', roles: ['dewa'] }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'roles', message: 'Peran tidak dikenal: dewa' }]);
    await http().post('/api/v1/users').set('Authorization', admin).send(body).expect(409);
  });

  it('assigns roles, disables (login refused, sessions end), enables and resets the password, each audited with the reason', async () => {
    const user = await t.database.dataSource.manager.findOneByOrFail(User, { username: 'kasir.budi' });
    const kasir = await bearer(t, 'kasir.budi', 'Kasir-2026x');
    await http().get('/api/v1/customers').set('Authorization', kasir).expect(200);
    const roles = await http().put(`/api/v1/users/${user.id}/roles`).set('Authorization', admin).send({ roles: ['finance', 'kasir'], reason: 'merangkap' }).expect(200);
    expect(roles.body.roles).toEqual(['finance', 'kasir']);
    await http().post(`/api/v1/users/${user.id}/disable`).set('Authorization', admin).send({ reason: 'cuti panjang' }).expect(200);
    await login('kasir.budi', 'Kasir-2026x').expect(401);
    await http().post(`/api/v1/users/${user.id}/disable`).set('Authorization', admin).send({ reason: 'lagi' }).expect(409);
    await http().post(`/api/v1/users/${user.id}/enable`).set('Authorization', admin).send({ reason: 'kembali' }).expect(200);
    await http().post(`/api/v1/users/${user.id}/reset-password`).set('Authorization', admin).send({ password: 'Baru-123456', reason: 'lupa' }).expect(200);
    await login('kasir.budi', 'Kasir-2026x').expect(401);
    await login('kasir.budi', 'Baru-123456').expect(200);
    const audits = (await t.database.dataSource.manager.find(AuditLog, { where: { entityId: user.id, entityType: 'user' }, order: { createdAt: 'ASC' } })).filter((a) => a.action.startsWith('user.'));
    expect(audits.map((a) => [a.action, a.reason])).toEqual([
      ['user.create', null], ['user.roles.assign', 'merangkap'], ['user.disable', 'cuti panjang'], ['user.enable', 'kembali'], ['user.password.reset', 'lupa'],
    ]);
    expect(JSON.stringify(audits)).not.toContain('Baru-123456');
  });

  it('refuses to change oneself', async () => {
    const me = await t.database.dataSource.manager.findOneByOrFail(User, { username: 'superadmin' });
    await http().post(`/api/v1/users/${me.id}/disable`).set('Authorization', admin).send({ reason: 'x' }).expect(403);
  });
});
