import { BufferJSON, proto, type KeyPair } from '@whiskeysockets/baileys';
import { useStoredAuthState } from '@lunas/messaging';
import { WhatsappAuthKey, WhatsappSession } from '@lunas/persistence';
import { createTestDatabase, insertSubscription, type TestDatabase } from '@lunas/persistence/testing';
import { randomBytes } from 'node:crypto';
import { PgWhatsappAuthStore } from './pg-auth-store';

// Real PostgreSQL with the real migrations; Baileys' own credential structures (initAuthCreds, BufferJSON, protobuf keys).
describe(PgWhatsappAuthStore.name, () => {
  let db: TestDatabase;
  let store: PgWhatsappAuthStore;
  let sessionId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { tenant } = await insertSubscription(db.dataSource.manager);
    sessionId = (await db.dataSource.manager.save(WhatsappSession, { tenantId: tenant.id, status: 'connecting' })).id;
    store = new PgWhatsappAuthStore(db.dataSource, sessionId);
  });
  afterAll(() => db.destroy());

  it('round-trips Baileys credentials and signal keys, Buffers and protobufs included, encrypted at rest', async () => {
    const first = await useStoredAuthState(store);
    first.state.creds.me = { id: '6281200000001:7@s.whatsapp.net', name: 'WiFi Sukamaju' };
    await first.saveCreds();
    const preKey: KeyPair = { public: randomBytes(32), private: randomBytes(32) };
    const syncKey = proto.Message.AppStateSyncKeyData.fromObject({ keyData: randomBytes(32), timestamp: 1_700_000_000 });
    await first.state.keys.set({ 'pre-key': { '1': preKey, '2': preKey }, 'app-state-sync-key': { AAAA: syncKey }, session: { '6281234567890.0': randomBytes(64) } });
    await first.state.keys.set({ 'pre-key': { '2': null } });

    const resumed = await useStoredAuthState(new PgWhatsappAuthStore(db.dataSource, sessionId));
    expect(JSON.stringify(resumed.state.creds, BufferJSON.replacer)).toBe(JSON.stringify(first.state.creds, BufferJSON.replacer));
    expect(Buffer.isBuffer(resumed.state.creds.noiseKey.private)).toBe(true);
    const preKeys = await resumed.state.keys.get('pre-key', ['1', '2']);
    expect(Object.keys(preKeys)).toEqual(['1']);
    expect(Buffer.from(preKeys['1'].private).equals(Buffer.from(preKey.private))).toBe(true);
    const { AAAA } = await resumed.state.keys.get('app-state-sync-key', ['AAAA']);
    expect(AAAA).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(AAAA.keyData as Uint8Array).equals(Buffer.from(syncKey.keyData as Uint8Array))).toBe(true);

    const [raw] = await db.dataSource.query(`SELECT creds FROM whatsapp_sessions WHERE id = $1`, [sessionId]);
    expect(raw.creds).toMatch(/^v1:/);
    expect(raw.creds).not.toContain('6281200000001');
    const keys = await db.dataSource.query(`SELECT value FROM whatsapp_auth_keys WHERE session_id = $1`, [sessionId]);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key.value).toMatch(/^v1:/);
  });

  it('forgets everything on clear, so the next pairing starts from fresh credentials', async () => {
    await store.clear();
    expect(await db.dataSource.manager.countBy(WhatsappAuthKey, { sessionId })).toBe(0);
    expect(await store.readCreds()).toBeNull();
    const fresh = await useStoredAuthState(store);
    expect(fresh.state.creds.me).toBeUndefined();
  });
});
