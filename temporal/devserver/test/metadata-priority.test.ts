/**
 * User metadata (summary/details on start, timers, activities, children) and priority (stored on start, inherited
 * field by field by activities and children, visible to the workflow), in both modes.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { startDevServer } from '../src';
import { annotated } from './fixtures/metadata-workflows';
import { createHarness, Harness, MODES, uniqueId } from './helpers';

const EventType = temporal.api.enums.v1.EventType;

jest.setTimeout(90_000);

const text = (payload: temporal.api.common.v1.IPayload | null | undefined) => (payload ? defaultPayloadConverter.fromPayload(payload) : undefined);

describe.each(MODES)(`${startDevServer.name} user metadata and priority (%s mode)`, (mode) => {
  let h: Harness;
  let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;

  beforeAll(async () => {
    h = await createHarness(mode);
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/metadata-workflows'), logger: new DefaultLogger('ERROR') });
  });
  afterAll(() => h?.teardown());

  it('stores summaries and details in history and describe, and hands priority down field by field', async () => {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({
      connection: h.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { ownPriority: async () => Context.current().info.priority },
    });
    const workflowId = uniqueId('annotated');
    const childId = `${workflowId}-child`;
    const result = await worker.runUntil(async () => {
      const handle = await h.client.workflow.start(annotated, {
        taskQueue,
        workflowId,
        args: [childId],
        staticSummary: 'Tagihan Oktober',
        staticDetails: 'Pelanggan **PT Contoh**',
        priority: { priorityKey: 2, fairnessKey: 'tenant-a', fairnessWeight: 2.5 },
      });
      return handle.result();
    });

    // The workflow sees its own priority; the activity and the child override one field each and inherit the rest.
    expect(result.own).toEqual({ priorityKey: 2, fairnessKey: 'tenant-a', fairnessWeight: 2.5 });
    expect(result.activity).toEqual({ priorityKey: 1, fairnessKey: 'tenant-a', fairnessWeight: 2.5 });
    expect(result.child).toEqual({ priorityKey: 2, fairnessKey: 'child-tenant', fairnessWeight: 2.5 });

    const description = await h.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
    expect(text(description.executionConfig?.userMetadata?.summary)).toBe('Tagihan Oktober');
    expect(text(description.executionConfig?.userMetadata?.details)).toBe('Pelanggan **PT Contoh**');
    expect(description.workflowExecutionInfo?.priority).toMatchObject({ priorityKey: 2, fairnessKey: 'tenant-a', fairnessWeight: 2.5 });
    const handleDescription = await h.client.workflow.getHandle(workflowId).describe();
    expect(await handleDescription.staticSummary()).toBe('Tagihan Oktober');

    const events = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const summaryOf = (type: number) => text(events.find((e) => e.eventType === type)?.userMetadata?.summary);
    expect(summaryOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)).toBe('Tagihan Oktober');
    expect(summaryOf(EventType.EVENT_TYPE_TIMER_STARTED)).toBe('grace period');
    expect(summaryOf(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe('read priority');
    expect(summaryOf(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).toBe('child summary');
    const started = events[0].workflowExecutionStartedEventAttributes;
    expect(started?.priority).toMatchObject({ priorityKey: 2, fairnessKey: 'tenant-a' });

    // The child's own start carries the summary/details of the command and its effective priority.
    const child = await h.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: childId } });
    expect(text(child.executionConfig?.userMetadata?.summary)).toBe('child summary');
    expect(text(child.executionConfig?.userMetadata?.details)).toBe('child details');
    expect(child.workflowExecutionInfo?.priority).toMatchObject({ priorityKey: 2, fairnessKey: 'child-tenant', fairnessWeight: 2.5 });

    // Recorded metadata and priority replay deterministically.
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, await h.client.workflow.getHandle(workflowId).fetchHistory(), workflowId)).resolves.toBeUndefined();
  });

  it('shows no priority or metadata for a workflow started without them', async () => {
    const workflowId = uniqueId('plain');
    await h.client.workflow.start('reportPriority', { taskQueue: `tq-${randomUUID()}`, workflowId });
    const description = await h.client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
    expect(description.executionConfig?.userMetadata ?? undefined).toBeUndefined();
    expect(description.workflowExecutionInfo?.priority ?? undefined).toBeUndefined();
    await h.client.workflow.getHandle(workflowId).terminate();
  });
});
