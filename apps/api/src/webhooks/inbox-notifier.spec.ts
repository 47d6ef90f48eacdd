import { Logger } from '@nestjs/common';
import { createDataSource } from '@lunas/persistence';
import { createTestDatabase, type TestDatabase } from '@lunas/persistence/testing';
import { eventually } from '@lunas/testing';
import { InboxNotifier } from './inbox-notifier';
import { InboxWakeups } from './inbox-wakeups';

/** Medium tests: the intake's wake-ups of the booking loops, on a real PostgreSQL with a real listener. */
describe(InboxNotifier.name, () => {
  let db: TestDatabase;
  let wakes = 0;
  let wakeups: InboxWakeups;

  beforeAll(async () => {
    db = await createTestDatabase();
    wakeups = new InboxWakeups(db.dataSource, () => (wakes += 1), new Logger('test'));
    await wakeups.listen();
  });
  afterAll(async () => {
    await wakeups.close();
    await db.destroy();
  });

  it('sends one notification at a time: the calls made while one is in flight are answered by one more after it', async () => {
    const notifier = new InboxNotifier(db.dataSource, new Logger('test'));
    wakes = 0;
    for (let i = 0; i < 20; i++) notifier.notify();
    await notifier.settled();
    await eventually(() => expect(wakes).toBe(2), 5_000, 20);

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
