import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { insertSubscription } from '../testing/fixtures';
import { WhatsappSession } from './whatsapp-session.entity';
import { Customer } from './customer.entity';

describe(Customer.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  describe('phone', () => {
    it('is stored in the 62… form whatever way a person typed it', async () => {
      const { customer } = await insertSubscription(db.dataSource.manager);
      await db.dataSource.manager.update(Customer, { id: customer.id }, { phone: '+62 (0)812-9988-7766' });
      expect(await db.dataSource.query('SELECT phone FROM customers WHERE id = $1', [customer.id])).toEqual([{ phone: '6281299887766' }]);
    });

    it('refuses an invalid number in Indonesian and writes nothing', async () => {
      const { customer } = await insertSubscription(db.dataSource.manager);
      await expect(db.dataSource.manager.update(Customer, { id: customer.id }, { phone: '+1 555 0100' })).rejects.toThrow(
        'Nomor telepon tidak valid: "+1 555 0100". Gunakan nomor Indonesia',
      );
      expect(await db.dataSource.query('SELECT phone FROM customers WHERE id = $1', [customer.id])).toEqual([{ phone: customer.phone }]);
    });
  });

  describe('nik', () => {
    it('is encrypted at rest and read back as plaintext', async () => {
      const { customer } = await insertSubscription(db.dataSource.manager);
      await db.dataSource.manager.update(Customer, { id: customer.id }, { nik: '3201234505900001' });

      const [raw] = await db.dataSource.query('SELECT nik FROM customers WHERE id = $1', [customer.id]);
      expect(raw.nik).toMatch(/^v1:/);
      expect(raw.nik).not.toContain('3201234505900001');
      expect((await db.dataSource.manager.findOneByOrFail(Customer, { id: customer.id })).nik).toBe('3201234505900001');
    });
  });
});

describe(WhatsappSession.name, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  describe('creds', () => {
    it('stores the credentials JSON encrypted', async () => {
      const { tenant } = await insertSubscription(db.dataSource.manager);
      await db.dataSource.manager.insert(WhatsappSession, { tenantId: tenant.id, creds: { noiseKey: 'secret-key-material' } });

      const [raw] = await db.dataSource.query('SELECT creds FROM whatsapp_sessions WHERE tenant_id = $1', [tenant.id]);
      expect(raw.creds).not.toContain('secret-key-material');
      expect((await db.dataSource.manager.findOneByOrFail(WhatsappSession, { tenantId: tenant.id })).creds).toEqual({ noiseKey: 'secret-key-material' });
    });
  });
});
