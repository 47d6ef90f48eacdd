import { Logger } from '@nestjs/common';
import { createDataSource } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { performance } from 'node:perf_hooks';
import { InboxNotifier, NOTIFY_PAUSE_MS } from './inbox-notifier';
import { InboxWakeups } from './inbox-wakeups';

/** Medium tests: the intake's wake-ups of the booking loops, on a real PostgreSQL with a real listener. */
describe(InboxNotifier.name, () => {
  let db: TestDatabase;
  let wakes = 0;
  const wokenAt: number[] = [];
  let wakeups: InboxWakeups;

  beforeAll(async () => {
    db = await createTestDatabase();
    wakeups = new InboxWakeups(db.dataSource, () => {
      wakes += 1;
      wokenAt.push(performance.now());
    }, new Logger('test'));
    await wakeups.listen();
  });
  afterAll(async () => {
    await wakeups.close();
    await db.destroy();
  });

  it('notifies at once, then answers the calls made meanwhile with one notification after a pause', async () => {
    const notifier = new InboxNotifier(db.dataSource, new Logger('test'));
    wakes = 0;
    for (let i = 0; i < 20; i++) notifier.notify();
    await notifier.settled();
    await eventually(() => expect(wakes).toBe(2), 5_000, 20);
    expect(wokenAt[1] - wokenAt[0]).toBeGreaterThanOrEqual(NOTIFY_PAUSE_MS / 2);

    notifier.notify();
    await notifier.settled();
    await eventually(() => expect(wakes).toBe(3), 5_000, 20);
  });

  it('logs a notification it cannot send and stays usable (the booking poll picks the rows up)', async () => {
    const closed = await createDataSource(db.url).initialize();
    await closed.destroy();
    const log = new Logger('test');
    const warn = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    const notifier = new InboxNotifier(closed, log);
    notifier.notify();
    await expect(notifier.settled()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('inbox wake-up not sent, booking waits for its next poll'));
  });
});
