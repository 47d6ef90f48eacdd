import { EMPTY_PACING, nextSendAt, recordSend } from '@lunas/domain';
import {
  MESSAGING_TASK_QUEUE,
  enqueueMessagesSignal,
  senderQueueStateQuery,
  type MessagingActivities,
  type QueuedMessage,
  type SenderQueueInput,
} from '@lunas/contracts';
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

/** Sending one WhatsApp message takes a few seconds (typing presence); retried from 10 s up to 10 min. */
const messaging = proxyActivities<MessagingActivities>({
  taskQueue: MESSAGING_TASK_QUEUE,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Sends per run before continue-as-new: ~4 history events each keeps a run well under 2 000 events. */
const SENDS_PER_RUN = 200;

/**
 * The anti-ban queue of one mitra's WhatsApp sender: messages wait in order and go out one at a time, paced by
 * the sender's limits (gap and jitter, batch pauses, per-hour and per-day caps) and the send window each message was
 * queued under (the mitra's settings then), on durable timers. A message repeated by idempotency key is queued once; the activity itself is exactly-once per key, so a
 * restart neither loses nor repeats a message. Continues as new every {@link SENDS_PER_RUN} sends.
 */
export async function senderQueueWorkflow(input: SenderQueueInput): Promise<void> {
  const queue: QueuedMessage[] = [...(input.queue ?? [])];
  const keys = new Set(queue.map((message) => message.idempotencyKey));
  let pacing = input.pacing ?? EMPTY_PACING;
  let next: number | null = null;
  let sends = 0;

  setHandler(enqueueMessagesSignal, (messages) => {
    for (const message of messages) {
      if (keys.has(message.idempotencyKey)) continue;
      keys.add(message.idempotencyKey);
      queue.push(message);
    }
  });
  setHandler(senderQueueStateQuery, () => ({
    depth: queue.length,
    nextSendAt: queue.length ? next : null,
    sentToday: pacing.sentToday,
    sentLastHour: pacing.lastHour.filter((at) => at > Date.now() - 60 * 60 * 1000).length,
    limits: input.limits,
  }));

  while (sends < SENDS_PER_RUN) {
    await condition(() => queue.length > 0);
    next = nextSendAt(pacing, Date.now(), input.limits, queue[0].window ?? input.window, Math.random);
    if (next > Date.now()) await sleep(next - Date.now());
    await messaging.sendQueuedMessage(queue[0]);
    queue.shift();
    pacing = recordSend(pacing, Date.now(), input.limits);
    sends++;
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof senderQueueWorkflow>({ ...input, queue, pacing });
}
