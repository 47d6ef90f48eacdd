import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_PACING, jakartaDateOf, type MessagingWindow } from '@lunas/domain';
import { MESSAGING_TASK_QUEUE, enqueueMessagesSignal, senderQueueStateQuery, senderQueueWorkflowId, type QueuedMessage } from '@lunas/contracts';
import { senderQueueWorkflow } from '../src';
import { bundleWorkflows, startTimeSkippingServer, wib, wibText } from './support/harness';

const window: MessagingWindow = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', quietDates: [] };
const HOUR = 60 * 60 * 1000;

// A bulk send of 500 reminders queued on Monday 1 March 2027 07:00 WIB for one mitra's WhatsApp number, with the
// default anti-ban limits (8–15 s + 0–5 s jitter, batches of 10 then 5 min, ≤ 50/hour, ≤ 300/day, Mon–Sat
// 08:00–20:00 WIB). The worker is down from 11:00 to 12:30 on Monday. Expected calendar: the first send at 08:00,
// 300 on Monday (none after the cap), the remaining 200 on Tuesday from 08:00, never more than 50 in any hour.
describe(senderQueueWorkflow.name, () => {
  let bundle: WorkflowBundleWithSourceMap;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    env = await startTimeSkippingServer();
  });
  afterAll(async () => env?.teardown());

  it('paces a bulk send of 500 by the limits and loses or repeats none across a worker restart', async () => {
    const sent = new Map<string, number>();
    const attempts: string[] = [];
    const activities = {
      sendQueuedMessage: async (message: QueuedMessage) => {
        attempts.push(message.idempotencyKey);
        if (sent.has(message.idempotencyKey)) return { status: 'duplicate' as const };
        sent.set(message.idempotencyKey, Context.current().info.currentAttemptScheduledTimestampMs);
        return { status: 'sent' as const };
      },
    };
    const runWorker = async () => {
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: MESSAGING_TASK_QUEUE, workflowBundle: bundle, activities });
      return { worker, running: worker.run() };
    };

    await env.sleep(wib('2027-03-01 07:00') - (await env.currentTimeMs()));
    let { worker, running } = await runWorker();
    const handle = await env.client.workflow.start(senderQueueWorkflow, {
      taskQueue: MESSAGING_TASK_QUEUE,
      workflowId: senderQueueWorkflowId('tenant-1'),
      args: [{ tenantId: 'tenant-1', limits: DEFAULT_PACING, window }],
    });
    const messages = Array.from({ length: 500 }, (_, i): QueuedMessage => ({ tenantId: 'tenant-1', customerId: `c${i}`, kind: 'payment_reminder_1', vars: {}, idempotencyKey: `bulk-1:c${i}` }));
    await handle.signal(enqueueMessagesSignal, messages.slice(0, 250));
    await handle.signal(enqueueMessagesSignal, messages.slice(200));
    expect((await handle.query(senderQueueStateQuery)).depth).toBe(500);

    await env.sleep(wib('2027-03-01 11:00') - (await env.currentTimeMs()));
    worker.shutdown();
    await running;
    const beforeOutage = sent.size;
    await env.sleep(90 * 60 * 1000);
    ({ worker, running } = await runWorker());
    await env.sleep(wib('2027-03-03 08:00') - (await env.currentTimeMs()));
    const state = await env.client.workflow.getHandle(senderQueueWorkflowId('tenant-1')).query(senderQueueStateQuery);
    worker.shutdown();
    await running;

    expect(state).toMatchObject({ depth: 0, nextSendAt: null });
    expect(sent.size).toBe(500);
    expect(new Set(attempts).size).toBe(500);
    const times = [...sent.values()].sort((a, b) => a - b);
    expect(wibText(times[0])).toBe('2027-03-01 08:00');
    expect(times.filter((at) => at >= wib('2027-03-01 11:00') && at < wib('2027-03-01 12:30'))).toHaveLength(0);
    expect(beforeOutage).toBeGreaterThan(100);
    const perDay = new Map<string, number>();
    for (const at of times) perDay.set(jakartaDateOf(at), (perDay.get(jakartaDateOf(at)) ?? 0) + 1);
    expect(Object.fromEntries(perDay)).toEqual({ '2027-03-01': 300, '2027-03-02': 200 });
    expect(wibText(times[300])).toBe('2027-03-02 08:00');
    for (const at of times) expect(Number(wibText(at).slice(11, 13))).toBeGreaterThanOrEqual(8);
    for (const at of times) expect(Number(wibText(at).slice(11, 13))).toBeLessThan(20);
    for (let i = 50; i < times.length; i++) expect(times[i] - times[i - 50]).toBeGreaterThanOrEqual(HOUR);
    const gaps = times.slice(1).map((at, i) => at - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(8_000);
    for (let i = 10; i < times.length; i += 10) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(300_000);
  }, 600_000);
  // The mitra adds Wednesday 10 March 2027 as a quiet date and narrows its hours to 09:00–17:00 on Tuesday evening,
  // while one message queued under the old window still waits. That message goes out Wednesday 08:00 as queued; the
  // one queued after the change carries the new window and waits until Thursday 11 March 09:00.
  it('holds each message by the send window it was queued under', async () => {
    const sent = new Map<string, number>();
    const activities = {
      sendQueuedMessage: async (message: QueuedMessage) => {
        sent.set(message.idempotencyKey, Context.current().info.currentAttemptScheduledTimestampMs);
        return { status: 'sent' as const };
      },
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: MESSAGING_TASK_QUEUE, workflowBundle: bundle, activities });
    const running = worker.run();
    await env.sleep(wib('2027-03-09 21:00') - (await env.currentTimeMs()));
    const handle = await env.client.workflow.start(senderQueueWorkflow, {
      taskQueue: MESSAGING_TASK_QUEUE,
      workflowId: senderQueueWorkflowId('tenant-2'),
      args: [{ tenantId: 'tenant-2', limits: DEFAULT_PACING, window }],
    });
    const changed: MessagingWindow = { days: [1, 2, 3, 4, 5, 6], start: '09:00', end: '17:00', quietDates: ['2027-03-10'] };
    const message = (key: string, queuedUnder: MessagingWindow): QueuedMessage => ({ tenantId: 'tenant-2', customerId: key, kind: 'maintenance', vars: {}, idempotencyKey: key, window: queuedUnder });
    await handle.signal(enqueueMessagesSignal, [message('before-change', window), message('after-change', changed)]);
    await env.sleep(wib('2027-03-12 00:00') - (await env.currentTimeMs()));
    worker.shutdown();
    await running;

    expect(wibText(sent.get('before-change') as number)).toBe('2027-03-10 08:00');
    expect(wibText(sent.get('after-change') as number)).toBe('2027-03-11 09:00');
  }, 600_000);
});
