import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  activeSessions, addToIsolir, groupsOf, isolirGroupName, isolirReplies, packageGroupName, packageReplies, removeFromIsolir, startFreeRadius,
  LabNas, writeGroup, writeSubscriber, type RunningFreeRadius,
} from '@lunas/network';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { freePort } from '@lunas/testing';


const SECRET = 'lab-nas-secret';
const TENANT = '11111111-1111-4111-8111-111111111111';
const PACKAGE = '22222222-2222-4222-8222-222222222222';

/**
 * The real FreeRADIUS (Debian `freeradius` + `freeradius-postgresql`) with Lunas's configuration from
 * `deploy/freeradius`, reading the tables Lunas's migration created and provisioning wrote; the lab NAS dials
 * through it like a MikroTik would (PAP Access-Request, then Accounting Start into `radacct`).
 */
describe('FreeRADIUS on the provisioned tables', () => {
  let db: TestDatabase;
  let dir: string;
  let freeRadius: RunningFreeRadius;
  let nas: LabNas;

  beforeAll(async () => {
    db = await createTestDatabase();
    const sql = db.dataSource.manager;
    await writeGroup(sql, packageGroupName(PACKAGE), packageReplies({ packageId: PACKAGE, speed: '20 Mbps', rateLimit: null, addressPool: 'pool-rumah', sessionTimeout: null }));
    await writeGroup(sql, isolirGroupName(TENANT), isolirReplies({ tenantId: TENANT, rateLimit: '64k/64k', pool: 'pool-isolir', addressList: 'isolir', routerProfile: 'isolir' }));
    await writeSubscriber(sql, { userName: 'budi', password: 'rahasia-budi', groupName: packageGroupName(PACKAGE) });
    dir = await mkdtemp(path.join(tmpdir(), 'lunas-freeradius-'));
    const [authPort, acctPort] = [await freePort(), await freePort()];
    freeRadius = await startFreeRadius(
      { listenAddress: '127.0.0.1', authPort, acctPort, databaseUrl: db.url, loopbackSecret: SECRET },
      { dir, templateDir: path.join(__dirname, '../../../deploy/freeradius') },
    );
    nas = new LabNas({ secret: SECRET, radiusServer: { address: '127.0.0.1', authPort, acctPort } });
  }, 60_000);

  afterAll(async () => {
    await freeRadius?.stop();
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts the subscriber with the package attributes and records the session in radacct', async () => {
    const session = await nas.dial('budi', 'rahasia-budi');
    expect(session).toEqual(expect.objectContaining({ rateLimit: '20M/20M', pool: 'pool-rumah', addressList: null, profile: null }));
    expect(await activeSessions(db.dataSource.manager, ['budi'])).toEqual([
      expect.objectContaining({ acctSessionId: session?.acctSessionId, nasIpAddress: '127.0.0.1', framedIpAddress: session?.framedIpAddress }),
    ]);
    await nas.hangUp(session?.acctSessionId ?? '');
    expect(await activeSessions(db.dataSource.manager, ['budi'])).toEqual([]);
  });

  it('rejects a wrong password', async () => {
    expect(await nas.dial('budi', 'salah')).toBeNull();
  });

  it('after isolir the same user gets the isolir attributes; after restore the package ones again', async () => {
    const sql = db.dataSource.manager;
    expect(await addToIsolir(sql, 'budi', isolirGroupName(TENANT))).toBe(true);
    expect(await addToIsolir(sql, 'budi', isolirGroupName(TENANT))).toBe(false);
    expect(await groupsOf(sql, 'budi')).toEqual([isolirGroupName(TENANT), packageGroupName(PACKAGE)]);
    const isolated = await nas.dial('budi', 'rahasia-budi');
    expect(isolated).toEqual(expect.objectContaining({ rateLimit: '64k/64k', pool: 'pool-isolir', addressList: 'isolir', profile: 'isolir' }));
    await nas.hangUp(isolated?.acctSessionId ?? '');

    expect(await removeFromIsolir(sql, 'budi', isolirGroupName(TENANT))).toBe(true);
    expect(await removeFromIsolir(sql, 'budi', isolirGroupName(TENANT))).toBe(false);
    const restored = await nas.dial('budi', 'rahasia-budi');
    expect(restored).toEqual(expect.objectContaining({ rateLimit: '20M/20M', pool: 'pool-rumah', addressList: null, profile: null }));
    await nas.hangUp(restored?.acctSessionId ?? '');
  });
});
