import { Logger } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { INBOX_CHANNEL, InboxWakeups } from './inbox-wakeups';

/** Medium tests: the booking loop's wake-ups on a real PostgreSQL. */
describe(InboxWakeups.name, () => {
  let db: TestDatabase;
  let wakes = 0;
  let wakeups: InboxWakeups;
  const notify = () => db.dataSource.query(`SELECT pg_notify('${INBOX_CHANNEL}', '')`);
  const listeners = async () =>
    ((await db.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${INBOX_CHANNEL}'`)) as Array<{ pid: number }>).map((row) => row.pid);

  beforeAll(async () => {
    db = await createTestDatabase();
    wakeups = new InboxWakeups(db.dataSource, () => (wakes += 1), new Logger('test'));
  });
  afterAll(async () => {
    await wakeups.close();
    await db.destroy();
  });

  it('wakes once per committed notification, and listens again after its connection was cut', async () => {
    await Promise.all([wakeups.listen(), wakeups.listen()]);
    expect(await listeners()).toHaveLength(1);
    await notify();
    await eventually(() => expect(wakes).toBe(1), 5_000, 20);

    // PostgreSQL restarted or an administrator ended the session: the next poll's listen() opens a new one.
    const [pid] = await listeners();
    await db.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    await eventually(async () => expect(await listeners()).toEqual([]), 5_000, 20);
    await eventually(async () => {
      await wakeups.listen();
      expect(await listeners()).toHaveLength(1);
    }, 5_000, 20);
    await notify();
    await eventually(() => expect(wakes).toBe(2), 5_000, 20);
  });
});
