/**
 * Start delay (`workflowStartDelay`): the first task waits for the delay (skipped in time-skipping mode) unless a
 * signal-with-start or an update arrives first; a plain signal waits with it; a query before the first task is
 * refused with WorkflowNotReady; describe shows the execution time. Both modes.
 */
import { WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startDevServer } from '../src';
import { accumulate, addSignal, setStageUpdate, sleeper, staged } from './fixtures/workflows';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;
const DAY_MS = 24 * 3600 * 1000;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} start delay (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  it('refuses queries before the first task, holds it through a plain signal and dispatches it on signal-with-start', async () => {
    await h.withWorker(async (taskQueue) => {
      const workflowId = uniqueId('delayed');
      const handle = await h.client.workflow.start(accumulate, { taskQueue, workflowId, startDelay: '1 day' });
      const description = await handle.describe();
      expect(description.executionTime?.getTime()).toBe(description.startTime.getTime() + DAY_MS);
      const raw = await h.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
      expect(raw.pendingWorkflowTask ?? undefined).toBeUndefined();

      const refusal = await handle.query('total').catch((e: unknown) => e);
      expect((refusal as Error).cause).toMatchObject({ code: 9, details: 'Workflow task is not scheduled yet.' }); // FAILED_PRECONDITION

      await handle.signal(addSignal, 1);
      const beforeSignalWithStart = (await handle.fetchHistory()).events ?? [];
      expect(beforeSignalWithStart.map((e) => e.eventType)).toEqual([EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]);

      await h.client.workflow.signalWithStart(accumulate, { taskQueue, workflowId, startDelay: '1 day', signal: addSignal, signalArgs: [2] });
      // The first task runs now (no time is skipped while only a query waits): both signals are in it.
      expect(await handle.query<number>('total')).toBe(3);
      const started = (await handle.fetchHistory()).events ?? [];
      const scheduled = started.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
      expect(Number(scheduled?.eventTime?.seconds) * 1000).toBeLessThan(description.startTime.getTime() + DAY_MS);
      await handle.signal('done');
      expect(await handle.result()).toBe(3);
    });
  });

  it('dispatches the first task at once for an update during the delay', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(staged, { taskQueue, workflowId: uniqueId('delayed-update'), startDelay: '1 day' });
      const update = await handle.startUpdate(setStageUpdate, { args: ['reminder'], waitForStage: WorkflowUpdateStage.ACCEPTED });
      expect(await update.result()).toBe('current');
      expect(await handle.query('stage')).toBe('reminder');
      await handle.signal('done');
      expect(await handle.result()).toBe('reminder');
    });
  });

  it('runs the first task only after the delay otherwise', async () => {
    const delayMs = mode === 'time-skipping' ? DAY_MS : 1500;
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(sleeper, { taskQueue, workflowId: uniqueId('delayed-run'), args: [0], startDelay: delayMs });
      const [firstTaskAt] = await handle.result();
      const { startTime } = await handle.describe();
      expect(firstTaskAt).toBeGreaterThanOrEqual(startTime.getTime() + delayMs);
    });
  });
});
