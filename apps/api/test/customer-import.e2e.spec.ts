import request from 'supertest';
import { AuditLog, Customer, DEV_ADMIN_PASSWORD, InternetPackage, Subscription, type Tenant } from '@lunas/persistence';
import { insertTenant } from '@lunas/persistence/testing';
import { CustomerImportController } from '../src/customer-import/customer-import.controller';
import { CustomerImportRunner } from '../src/customer-import/customer-import.runner';
import { bearer, startTestApp, type TestApp } from './test-app';

interface Fixture {
  mitra: Tenant;
}

const HEADER = 'kode_pelanggan,nama,telepon,email,alamat,nik,paket,tanggal_tagihan,diskon,user_pppoe,tanggal_register';
const FILE = [
  HEADER,
  'PLG-1,Ahmad Fauzi,081234567890,,Jl. Merdeka 1,,Paket 10 Mbps,5,0,ahmad,2025-01-15', // line 2: new (phone 08… normalised)
  'PLG-2,Siti Nurhaliza,6289876543210,siti@example.com,,3201234567890002,paket 10 mbps,10,10000,siti,2025-02-01', // 3: new
  'PLG-3,Budi Santoso,12345,,,,Paket 10 Mbps,15,0,budi,2025-03-10', // 4: bad phone
  'PLG-4,Dewi Lestari,6287766554433,,,,Paket 99 Mbps,20,0,dewi,2025-04-05', // 5: unknown package
  'PLG-5,Eko Prasetyo,6281122334455,,,,Paket 10 Mbps,20,0,,2025-04-05', // 6: missing PPPoE user
  'PLG-6,Ahmad Fauzi Dua,6281234567891,,,,Paket 10 Mbps,5,0,ahmad,2025-01-15', // 7: duplicate of line 2 (same PPPoE user)
  'LAMA-1,Rina Lama,6281200000001,,,,Paket 10 Mbps,1,0,rina,2024-01-01', // 8: existing customer, new name → update
  'LAMA-2,Tono Tetap,6281200000002,,,,Paket 10 Mbps,1,0,tono,2024-01-01', // 9: exactly as stored → unchanged
].join('\r\n');

describe(CustomerImportController.name, () => {
  let t: TestApp<Fixture>;
  let admin: string;
  const http = () => request(t.app.getHttpServer());
  const m = () => t.database.dataSource.manager;
  const upload = (content: string | Buffer, fields: Record<string, string> = {}) => {
    const req = http().post('/api/v1/customer-imports').set('Authorization', admin).field('tenantId', t.fixture.mitra.id);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), 'pelanggan.csv');
  };
  const jobs = async () => Number((await m().query(`SELECT count(*) AS n FROM customer_import_jobs`))[0].n);
  const waitDone = async (id: string) => {
    for (let i = 0; i < 100; i++) {
      const body = (await http().get(`/api/v1/customer-imports/${id}`).set('Authorization', admin).expect(200)).body;
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('import did not finish');
  };

  beforeAll(async () => {
    t = await startTestApp<Fixture>({
      prepare: async (dataSource) => {
        const em = dataSource.manager;
        const mitra = await insertTenant(em, { businessName: 'Net Impor Jaya' });
        const pkg = await em.save(InternetPackage, em.create(InternetPackage, { tenantId: mitra.id, name: 'Paket 10 Mbps', speed: '10 Mbps', price: 100_000 }));
        for (const [code, name, phone, user] of [['LAMA-1', 'Rina', '6281200000001', 'rina'], ['LAMA-2', 'Tono Tetap', '6281200000002', 'tono']]) {
          const customer = await em.save(Customer, em.create(Customer, { tenantId: mitra.id, code, name, phone, registerDate: '2024-01-01' }));
          if (user === 'tono') {
            await em.save(Subscription, em.create(Subscription, { tenantId: mitra.id, customerId: customer.id, packageId: pkg.id, billingDay: 1, startedOn: '2024-01-01', pppoeUsername: user }));
          }
        }
        return { mitra };
      },
    });
    admin = await bearer(t, 'superadmin', DEV_ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  describe('template', () => {
    it('downloads the template CSV with every header and an example row', async () => {
      const response = await http().get('/api/v1/customer-imports/template').set('Authorization', admin).expect(200);
      expect(response.headers['content-disposition']).toContain('templat-import-pelanggan.csv');
      expect(response.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
    });
  });

  describe('preview', () => {
    it.each([
      ['a file that is not UTF-8', Buffer.from(`${HEADER}\nPLG-1,J\xF6rg,0812,,,,Paket 10 Mbps,5,0,jorg,2025-01-01\n`, 'latin1'), 'Baris 2: berkas bukan UTF-8'],
      ['an Excel workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'Berkas ini Excel (.xlsx), bukan CSV'],
      ['an unknown delimiter', 'nama|telepon|paket|user_pppoe\nA|0812|P|a\n', 'Baris 1: pemisah kolom tidak dikenali'],
      ['an unclosed quote', `${HEADER}\nPLG-1,"Ahmad,0812,,,,Paket 10 Mbps,5,0,ahmad,2025-01-15\n`, 'Tanda kutip (") yang dibuka tidak ditutup'],
      ['a row with too few cells', `${HEADER}\nPLG-1,Ahmad,0812\n`, 'Baris 2: ada 3 kolom, tidak sama dengan baris judul'],
      ['a header without the required columns', 'name;hp\nAhmad;0812\n', 'Kolom wajib tidak ditemukan: paket (Paket), user_pppoe (User PPPoE). Judul kolom berkas: name, hp.'],
    ])('refuses %s with a precise 400 and stores nothing', async (_what, content, message) => {
      const before = await jobs();
      const response = await upload(content).expect(400);
      expect(response.body.detail).toContain(message);
      expect(await jobs()).toBe(before);
    });

    it('classifies every row with its reason and writes no customer', async () => {
      const response = await upload(FILE).expect(201);
      expect(response.body).toMatchObject({ status: 'previewed', totalRows: 8, counts: { new: 2, update: 1, unchanged: 1, duplicate: 1, invalid: 3 } });
      expect(response.body.rows.map((r: { line: number; status: string; reasons: string[] }) => [r.line, r.status, r.reasons])).toEqual([
        [2, 'new', []],
        [3, 'new', []],
        [4, 'invalid', ['Nomor telepon "12345" tidak valid (harus 62…, 10–15 digit)']],
        [5, 'invalid', ['Paket "Paket 99 Mbps" tidak dikenal']],
        [6, 'invalid', ['User PPPoE kosong']],
        [7, 'duplicate', ['Duplikat dalam berkas: kode pelanggan atau user PPPoE sama dengan baris 2']],
        [8, 'update', ['Diubah: nama', 'Langganan baru']], // Rina is renamed and gets her first subscription
        [9, 'unchanged', []], // Tono and his subscription are stored exactly so
      ]);
      expect(await m().countBy(Customer, { tenantId: t.fixture.mitra.id })).toBe(2);
    });
  });

  describe('confirm', () => {
    it('imports as one background job, idempotently, remembering the mapping', async () => {
      const preview = (await upload(FILE).expect(201)).body;
      const started = (await http().post(`/api/v1/customer-imports/${preview.id}/confirm`).set('Authorization', admin).expect(202)).body;
      expect(started.status).toBe('running');
      await http().post(`/api/v1/customer-imports/${preview.id}/confirm`).set('Authorization', admin).expect(409);
      const done = await waitDone(preview.id);
      expect(done).toMatchObject({ status: 'done', processedRows: 8, created: 2, updated: 1, unchanged: 1, skipped: 4 });

      const customers = await m().find(Customer, { where: { tenantId: t.fixture.mitra.id }, order: { code: 'ASC' } });
      expect(customers.map((c) => [c.code, c.name, c.phone])).toEqual([
        ['LAMA-1', 'Rina Lama', '6281200000001'],
        ['LAMA-2', 'Tono Tetap', '6281200000002'],
        ['PLG-1', 'Ahmad Fauzi', '6281234567890'],
        ['PLG-2', 'Siti Nurhaliza', '6289876543210'],
      ]);
      const subscriptions = await m().find(Subscription, { where: { tenantId: t.fixture.mitra.id }, order: { pppoeUsername: 'ASC' } });
      expect(subscriptions.map((s) => [s.pppoeUsername, s.billingDay, s.discountKind, s.discountValue, s.workflowId])).toEqual([
        ['ahmad', 5, 'none', 0, null], // the starter relay starts the workflows
        ['rina', 1, 'none', 0, null],
        ['siti', 10, 'fixed', 10_000, null],
        ['tono', 1, 'none', 0, null],
      ]);
      expect(await m().countBy(AuditLog, { action: 'customer.import.confirm', entityId: preview.id })).toBe(1);
      const remembered = (await http().get(`/api/v1/customer-imports/mapping?tenantId=${t.fixture.mitra.id}`).set('Authorization', admin).expect(200)).body;
      expect(remembered.mapping).toMatchObject({ name: 'nama', phone: 'telepon', pppoeUser: 'user_pppoe' });

      // Re-importing the same file changes nothing.
      const again = (await upload(FILE).expect(201)).body;
      expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 4, duplicate: 1, invalid: 3 });
      await http().post(`/api/v1/customer-imports/${again.id}/confirm`).set('Authorization', admin).expect(202);
      expect(await waitDone(again.id)).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 4 });
      expect(await m().countBy(Subscription, { tenantId: t.fixture.mitra.id })).toBe(4);

      // A batch run again after a crash (cursor not advanced) finds its rows and writes nothing twice.
      await m().query(`UPDATE customer_import_jobs SET status = 'running', processed_rows = 0, created_count = 0, updated_count = 0, unchanged_count = 0, skipped_count = 0 WHERE id = $1`, [preview.id]);
      await t.app.get(CustomerImportRunner).runBatch();
      expect(await waitDone(preview.id)).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 4 });
      expect(await m().countBy(Customer, { tenantId: t.fixture.mitra.id })).toBe(4);
    });

    it('reads a semicolon file with its own headers through an explicit mapping', async () => {
      const mapping = { code: null, name: 'Nama Pelanggan', phone: 'No HP', email: null, address: null, nik: null, package: 'Layanan', billingDay: null, discount: null, pppoeUser: 'Akun', registerDate: null };
      const content = 'Nama Pelanggan;No HP;Layanan;Akun\nJoko;0813 1111 2222;Paket 10 Mbps;joko\n';
      const preview = (await upload(content, { mapping: JSON.stringify(mapping) }).expect(201)).body;
      expect(preview.rows).toEqual([{ line: 2, status: 'new', reasons: [], cells: { name: 'Joko', phone: '0813 1111 2222', package: 'Paket 10 Mbps', pppoeUser: 'joko' } }]);
      const bad = await upload(content, { mapping: '{"name": 3}' }).expect(400);
      expect(bad.body.detail).toContain('Pemetaan kolom harus objek');
    });
  });
});
