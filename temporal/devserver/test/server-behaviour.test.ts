/**
 * Behaviour ordinary apps observe: signal-with-start conflict policies, time-skipping locks held by running
 * activities, history size and the continue-as-new suggestion.
 */
import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { devServerBinPath } from '../src';
import { addSignal, blobSignal, doneSignal } from './fixtures/workflows';
import { createHarness, Harness, MODES, quietRuntime, uniqueId, workflowBundle } from './helpers';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

describe.each(MODES)('signal-with-start conflict policies (%s mode)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(mode);
  });
  afterAll(() => h?.teardown());

  it('USE_EXISTING (default) signals the running run; TERMINATE_EXISTING replaces it; FAIL is refused', async () => {
    await h.withWorker(async (taskQueue) => {
      const workflowId = uniqueId('sws');
      const first = await h.client.workflow.start('accumulate', { taskQueue, workflowId });
      const same = await h.client.workflow.signalWithStart('accumulate', { taskQueue, workflowId, signal: addSignal, signalArgs: [1] });
      expect(same.signaledRunId).toBe(first.firstExecutionRunId);
      const replaced = await h.client.workflow.signalWithStart('accumulate', {
        taskQueue,
        workflowId,
        signal: addSignal,
        signalArgs: [5],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
      });
      expect(replaced.signaledRunId).not.toBe(first.firstExecutionRunId);
      const old = await h.client.workflowService.describeWorkflowExecution({
        namespace: 'default',
        execution: { workflowId, runId: first.firstExecutionRunId },
      });
      expect(old.workflowExecutionInfo?.status).toBe(Status.WORKFLOW_EXECUTION_STATUS_TERMINATED);
      await replaced.signal(doneSignal);
      expect(await replaced.result()).toBe(5);
      const refused = await h.client.workflow
        .signalWithStart('accumulate', { taskQueue, workflowId, signal: addSignal, signalArgs: [1], workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ cause: { code: 3 } });
    });
  });
});

describe('history size', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('normal');
  });
  afterAll(() => h?.teardown());

  it('reports historySizeBytes to the workflow and in describe, and suggests continue-as-new past 4 MiB', async () => {
    await h.withWorker(async (taskQueue) => {
      const small = await h.client.workflow.start('historyWatcher', { taskQueue, workflowId: uniqueId('small') });
      await small.signal(doneSignal);
      const smallResult = (await small.result()) as { historySize: number; suggested: boolean };
      expect(smallResult.historySize).toBeGreaterThan(100);
      expect(smallResult.suggested).toBe(false);

      const big = await h.client.workflow.start('historyWatcher', { taskQueue, workflowId: uniqueId('big') });
      for (let i = 0; i < 3; i++) await big.signal(blobSignal, 'x'.repeat(1_500_000));
      await big.signal(doneSignal);
      const bigResult = (await big.result()) as { historySize: number; suggested: boolean };
      expect(bigResult.historySize).toBeGreaterThan(4_500_000);
      expect(bigResult.suggested).toBe(true);
      const described = await h.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: big.workflowId } });
      expect(Number(described.workflowExecutionInfo?.historySizeBytes)).toBeGreaterThan(bigResult.historySize);
    });
  });
});

describe('time skipping with a running activity', () => {
  it('lets the activity call UnlockTimeSkippingWithSleep (it holds a lock) and skips the time', async () => {
    quietRuntime();
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: devServerBinPath() } } });
    try {
      const taskQueue = uniqueId('lock');
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities: {
          sleepOnServer: async () => {
            const before = await env.currentTimeMs();
            await env.sleep(DAY);
            return (await env.currentTimeMs()) - before;
          },
        },
      });
      const skipped = await worker.runUntil(env.client.workflow.execute('callActivity', { taskQueue, workflowId: uniqueId('lock'), args: ['sleepOnServer'] }));
      expect(skipped).toBeGreaterThanOrEqual(DAY);
    } finally {
      await env.teardown();
    }
  });
});

describe('closed runs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('normal');
  });
  afterAll(() => h?.teardown());

  it('answers terminate, cancel and signal of a closed run with NOT_FOUND "workflow execution already completed"', async () => {
    const handle = await h.withWorker(async (taskQueue) => {
      const started = await h.client.workflow.start('greet', { taskQueue, workflowId: uniqueId('closed'), args: ['x'] });
      await started.result();
      return started;
    });
    for (const call of [() => handle.terminate('late'), () => handle.cancel(), () => handle.signal(doneSignal)]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowNotFoundError);
      expect((error as WorkflowNotFoundError).message).toBe('workflow execution already completed');
    }
  });
});

describe('errors and limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('normal');
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  it('answers an unknown namespace with NamespaceNotFoundFailure details and refuses workflow ids over 1000 characters', async () => {
    const unknown = await h.client.workflowService.describeWorkflowExecution({ namespace: 'nowhere', execution: { workflowId: 'x' } }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 5, details: 'Namespace nowhere is not found.' });
    const status = temporal.api.errordetails.v1.NamespaceNotFoundFailure;
    const details = (unknown as { metadata: { get(key: string): Buffer[] } }).metadata.get('grpc-status-details-bin')[0];
    const rpcStatus = google.rpc.Status.decode(details);
    expect(rpcStatus.details.map((d) => d.type_url)).toEqual(['type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure']);
    expect(status.decode(rpcStatus.details[0].value as Uint8Array).namespace).toBe('nowhere');
    const tooLong = await h.client.workflow.start('greet', { taskQueue: 'nobody', workflowId: 'w'.repeat(1001), args: ['x'] }).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ cause: { code: 3, details: 'WorkflowId length exceeds limit.' } });
  });
});
