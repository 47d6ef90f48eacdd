/**
 * Build ids of unversioned workers (issue item 11), in both server modes: the worker's version stamp on
 * WorkflowTaskCompleted, the workflow's current build id (read back from history when another worker replays
 * it), `mostRecentWorkerVersionStamp` in describe, and the `BuildIds` search attribute, queryable in visibility.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import * as activities from './fixtures/activities';
import { buildIdWatcher, doneSignal } from './fixtures/workflows';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const ET = temporal.api.enums.v1.EventType;

describe.each(MODES)('build ids (%s)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(mode);
  });
  afterAll(() => h?.teardown());

  const worker = async (taskQueue: string, buildId: string) =>
    Worker.create({ connection: h.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities, buildId });

  it('records each worker build id, shows it to the workflow on replay, and keeps BuildIds', async () => {
    const taskQueue = `tq-${randomUUID()}`;
    const [first, second] = [`lunas-${randomUUID().slice(0, 8)}`, `lunas-${randomUUID().slice(0, 8)}`];
    const workflowId = uniqueId('build-ids');
    const handle = await h.client.workflow.start(buildIdWatcher, { taskQueue, workflowId });

    // The first worker completes the first task, then goes away.
    await (await worker(taskQueue, first)).runUntil(async () => {
      for (let i = 0; i < 100 && (await handle.describe()).raw.workflowExecutionInfo?.mostRecentWorkerVersionStamp?.buildId !== first; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    // A worker with another build id replays the history and runs the rest.
    const result = await (await worker(taskQueue, second)).runUntil(async () => {
      await handle.signal(doneSignal);
      return handle.result();
    });
    expect(result).toEqual([first, second]);

    const history = await handle.fetchHistory();
    const completed = (history.events ?? []).filter((e) => e.eventType === ET.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    expect(completed[0].workflowTaskCompletedEventAttributes?.workerVersion?.buildId).toBe(first);
    expect(completed[completed.length - 1].workflowTaskCompletedEventAttributes?.workerVersion?.buildId).toBe(second);

    const described = await handle.describe();
    expect(described.raw.workflowExecutionInfo?.mostRecentWorkerVersionStamp).toMatchObject({ buildId: second });
    expect(described.searchAttributes['BuildIds']).toEqual(['unversioned', `unversioned:${first}`, `unversioned:${second}`]);

    const listed = [];
    for await (const execution of h.client.workflow.list({ query: `BuildIds = "unversioned:${first}"` })) listed.push(execution.workflowId);
    expect(listed).toEqual([workflowId]);
    const counted = await h.client.workflow.count(`BuildIds IN ("unversioned:${second}") AND WorkflowId = "${workflowId}"`);
    expect(counted.count).toBe(1);
  });
});
