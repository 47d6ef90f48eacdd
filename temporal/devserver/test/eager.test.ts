/**
 * Eager workflow start (the first workflow task in the start response) and eager activity dispatch (the activity
 * task in the workflow task completion response, ahead of waiting pollers): through the SDK in both modes, and
 * on the wire.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DevServer, startDevServer } from '../src';
import { greet } from './fixtures/workflows';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

const EventType = temporal.api.enums.v1.EventType;
const CommandType = temporal.api.enums.v1.CommandType;

jest.setTimeout(90_000);

describe.each(MODES)(`${startDevServer.name} eager workflow start (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  it('hands the first workflow task to the local worker through the shared connection', async () => {
    // The client shares the worker's NativeConnection, so the SDK asks for eager start and feeds the task to the worker.
    const client = new Client({ connection: h.nativeConnection, identity: 'eager-client' });
    await h.withWorker(async (taskQueue) => {
      const handle = await client.workflow.start(greet, { taskQueue, workflowId: uniqueId('eager'), args: ['Budi'], requestEagerStart: true });
      expect(handle.eagerlyStarted).toBe(true);
      expect(await handle.result()).toBe('Hello, Budi!');
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.slice(0, 4).map((e) => e.eventType)).toEqual([
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
      ]);
      // Started for the caller of StartWorkflowExecution, not by a poll.
      expect(events[2].workflowTaskStartedEventAttributes?.identity).toBe('eager-client');
    });
  });

  it('runs activities on the worker that scheduled them, though another worker polls the queue', async () => {
    // The SDK worker asks for eager activities by default; a second, activity-only worker polls the same queue.
    const taskQueue = uniqueId('eager-activities');
    // A connection of its own: the SDK allows one worker per queue and connection.
    const competitorConnection = await NativeConnection.connect({ address: h.address });
    const competitor = await Worker.create({
      connection: competitorConnection,
      taskQueue,
      identity: 'competitor',
      activities: { greeting: async () => 'from the competitor' },
    });
    const results = await competitor.runUntil(() =>
      h.withWorker(
        async (queue) => {
          // One at a time: the time-skipping client's result waits do not nest.
          const greetings: string[] = [];
          for (let i = 0; i < 6; i++) greetings.push(await h.client.workflow.execute(greet, { taskQueue: queue, workflowId: uniqueId(`eager-act-${i}`), args: [`n${i}`] }));
          return greetings;
        },
        taskQueue,
      ),
    );
    await competitorConnection.close();
    expect(results).toEqual(Array.from({ length: 6 }, (_, i) => `Hello, n${i}!`));
  });
});

describe(`${startDevServer.name} eager execution on the wire`, () => {
  let server: DevServer;
  let connection: Connection;
  const namespace = 'default';
  const service = () => connection.workflowService;

  beforeAll(async () => {
    // Short long polls: a poller that gets nothing answers empty within a second.
    server = await startDevServer({ port: 0, longPollMs: 1000 });
    connection = await Connection.connect({ address: server.address });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.close();
  });

  const startRequest = (taskQueue: string, extra: Partial<temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest> = {}) => ({
    namespace,
    workflowId: uniqueId('wire'),
    workflowType: { name: 'greet' },
    taskQueue: { name: taskQueue },
    identity: 'starter',
    requestId: randomUUID(),
    requestEagerExecution: true,
    ...extra,
  });

  it('answers an eager start with the started first task, and the same task to a retried request', async () => {
    const taskQueue = uniqueId('eager-wire');
    // A poller already waits on the queue: the eager task must not go to it.
    const competingPoll = service().pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'poller' });
    const request = startRequest(taskQueue);
    const response = await service().startWorkflowExecution(request);
    const task = response.eagerWorkflowTask;
    expect(response.started).toBe(true);
    expect(task).toBeTruthy();
    expect(task?.workflowExecution).toMatchObject({ workflowId: request.workflowId, runId: response.runId });
    expect(task?.workflowType?.name).toBe('greet');
    expect(Number(task?.startedEventId)).toBe(3);
    expect(Number(task?.previousStartedEventId)).toBe(0);
    expect(task?.attempt).toBe(1);
    expect(task?.workflowExecutionTaskQueue?.name).toBe(taskQueue);
    expect(task?.history?.events?.map((e) => e.eventType)).toEqual([
      EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
      EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
      EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    ]);
    expect(task?.history?.events?.[2].workflowTaskStartedEventAttributes?.identity).toBe('starter');
    expect((await competingPoll).taskToken?.length ?? 0).toBe(0);

    const retried = await service().startWorkflowExecution(request);
    expect(retried.runId).toBe(response.runId);
    expect(Buffer.from(retried.eagerWorkflowTask?.taskToken ?? [])).toEqual(Buffer.from(task?.taskToken ?? []));

    await service().respondWorkflowTaskCompleted({
      namespace,
      taskToken: task?.taskToken,
      identity: 'starter',
      commands: [
        {
          commandType: CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
          completeWorkflowExecutionCommandAttributes: { result: { payloads: [defaultPayloadConverter.toPayload('done')] } },
        },
      ],
    });
    const described = await service().describeWorkflowExecution({ namespace, execution: { workflowId: request.workflowId } });
    expect(described.workflowExecutionInfo?.status).toBe(temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    // Once the first task completed, a retried request gets no task.
    expect((await service().startWorkflowExecution(request)).eagerWorkflowTask ?? undefined).toBeUndefined();
  });

  it('gives no eager task when the first task is delayed', async () => {
    const taskQueue = uniqueId('eager-delayed');
    const response = await service().startWorkflowExecution(startRequest(taskQueue, { workflowStartDelay: { seconds: Long.fromNumber(3600) } }));
    expect(response.started).toBe(true);
    expect(response.eagerWorkflowTask ?? undefined).toBeUndefined();
  });

  it('returns an eagerly requested activity in the completion response, ahead of a waiting poller', async () => {
    const taskQueue = uniqueId('eager-activity');
    const request = startRequest(taskQueue, { requestEagerExecution: false });
    await service().startWorkflowExecution(request);
    const workflowTask = await service().pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'worker' });
    const competingPoll = service().pollActivityTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'other-worker' });
    const schedule = (activityId: string, requestEagerExecution: boolean): temporal.api.command.v1.ICommand => ({
      commandType: CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
      scheduleActivityTaskCommandAttributes: {
        activityId,
        activityType: { name: 'greeting' },
        taskQueue: { name: taskQueue },
        startToCloseTimeout: { seconds: Long.fromNumber(60) },
        requestEagerExecution,
      },
    });
    const completion: temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedResponse = await service().respondWorkflowTaskCompleted({
      namespace,
      taskToken: workflowTask.taskToken,
      identity: 'worker',
      commands: [schedule('eager', true), schedule('queued', false)],
    });
    expect(completion.activityTasks?.map((t) => t.activityId)).toEqual(['eager']);
    const eager = completion.activityTasks?.[0];
    expect(eager?.attempt).toBe(1);
    expect(eager?.workflowExecution?.workflowId).toBe(request.workflowId);
    expect(eager?.startToCloseTimeout).toBeTruthy();
    // The waiting poller gets the activity that was not requested eagerly.
    expect((await competingPoll).activityId).toBe('queued');
    const described = await service().describeWorkflowExecution({ namespace, execution: { workflowId: request.workflowId } });
    const states = Object.fromEntries((described.pendingActivities ?? []).map((a) => [a.activityId, a.state]));
    expect(states).toEqual({
      eager: temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
      queued: temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
    });
    expect(described.pendingActivities?.find((a) => a.activityId === 'eager')?.lastWorkerIdentity).toBe('worker');
    await service().terminateWorkflowExecution({ namespace, workflowExecution: { workflowId: request.workflowId } });
  });

  it('starts no eager activity when the same task closes the workflow', async () => {
    const taskQueue = uniqueId('eager-closing');
    const request = startRequest(taskQueue, { requestEagerExecution: false });
    await service().startWorkflowExecution(request);
    const workflowTask = await service().pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'worker' });
    const completion: temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedResponse = await service().respondWorkflowTaskCompleted({
      namespace,
      taskToken: workflowTask.taskToken,
      identity: 'worker',
      commands: [
        {
          commandType: CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
          scheduleActivityTaskCommandAttributes: {
            activityId: 'late',
            activityType: { name: 'greeting' },
            taskQueue: { name: taskQueue },
            startToCloseTimeout: { seconds: Long.fromNumber(60) },
            requestEagerExecution: true,
          },
        },
        { commandType: CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION, completeWorkflowExecutionCommandAttributes: {} },
      ],
    });
    expect(completion.activityTasks ?? []).toEqual([]);
  });
});
