/**
 * Workflow updates through the public SDK (client `executeUpdate` / `startUpdate` / update-with-start, worker
 * `setHandler` with validators), in both modes.
 */
import { WithStartWorkflowOperation, WorkflowIdConflictPolicy, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { startDevServer } from '../src';
import { setStageUpdate, slowStageUpdate, staged } from './fixtures/workflows';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} updates (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  const eventTypes = async (workflowId: string) => ((await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).map((e) => e.eventType);

  it('returns the result of an accepted update, records it in history, and answers a repeated update id with the same outcome', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(staged, { taskQueue, workflowId: uniqueId('update') });
      expect(await handle.executeUpdate(setStageUpdate, { args: ['reminder'], updateId: 'first' })).toBe('current');
      expect(await handle.executeUpdate(setStageUpdate, { args: ['warning'], updateId: 'first' })).toBe('current');
      expect(await handle.query('stage')).toBe('reminder');
      const types = await eventTypes(handle.workflowId);
      expect(types.filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toHaveLength(1);
      expect(types.filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)).toHaveLength(1);
      await handle.signal('done');
      expect(await handle.result()).toBe('reminder');
      // The recorded update (request in the accepted event) replays deterministically.
      await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, await handle.fetchHistory(), handle.workflowId)).resolves.toBeUndefined();
    });
  });

  it('leaves no trace in history for an update its validator rejects', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(staged, { taskQueue, workflowId: uniqueId('reject') });
      await handle.executeUpdate(setStageUpdate, { args: ['reminder'] });
      const before = await eventTypes(handle.workflowId);
      const error = await handle.executeUpdate(setStageUpdate, { args: ['bogus'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((error as WorkflowUpdateFailedError).cause).toBeInstanceOf(ApplicationFailure);
      expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('UnknownStage');
      expect(await eventTypes(handle.workflowId)).toEqual(before);
      // The worker rolled back cleanly: the workflow still takes updates and completes.
      expect(await handle.executeUpdate(setStageUpdate, { args: ['warning'] })).toBe('reminder');
      await handle.signal('done');
      expect(await handle.result()).toBe('warning');
    });
  });

  it('answers at the accepted stage, then the handle polls for the result', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(staged, { taskQueue, workflowId: uniqueId('accepted') });
      const update = await handle.startUpdate(slowStageUpdate, { args: ['suspended', 300], waitForStage: WorkflowUpdateStage.ACCEPTED });
      expect(await update.result()).toBe('suspended');
      const polled = h.client.workflow.getHandle(handle.workflowId).getUpdateHandle<string>(update.updateId);
      expect(await polled.result()).toBe('suspended');
      await handle.signal('done');
      await handle.result();
    });
  });

  it('fails an update of a closed workflow with NOT_FOUND', async () => {
    await h.withWorker(async (taskQueue) => {
      const handle = await h.client.workflow.start(staged, { taskQueue, workflowId: uniqueId('closed') });
      await handle.signal('done');
      await handle.result();
      await expect(handle.executeUpdate(setStageUpdate, { args: ['reminder'] })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  it('starts a workflow and updates it in one call (update-with-start)', async () => {
    await h.withWorker(async (taskQueue) => {
      const workflowId = uniqueId('uws');
      const startWorkflowOperation = new WithStartWorkflowOperation(staged, {
        workflowId,
        taskQueue,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      });
      expect(await h.client.workflow.executeUpdateWithStart(setStageUpdate, { args: ['warning'], startWorkflowOperation })).toBe('current');
      const handle = await startWorkflowOperation.workflowHandle();
      await handle.signal('done');
      expect(await handle.result()).toBe('warning');
    });
  });
});
