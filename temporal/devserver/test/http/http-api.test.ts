/**
 * The Web UI's HTTP API against a real dev server, a real SDK worker and the real client: requests as the
 * Temporal UI sends them (paths, query strings, proto3 JSON bodies), effects checked through the client.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DevServer, startDevServer } from '../../src';
import { httpApi } from '../../src/http/api';
import * as activities from '../fixtures/activities';
import { accumulate, addSignal, retrying, staged, totalQuery } from '../fixtures/workflows';
import { quietRuntime, workflowBundle } from '../helpers';

const NS = 'default';

let server: DevServer;
let connection: Connection;
let nativeConnection: NativeConnection;
let client: Client;
let worker: Worker;
let workerRun: Promise<void>;
let base: string;
const taskQueue = `http-${randomUUID()}`;

beforeAll(async () => {
  quietRuntime();
  server = await startDevServer({ port: 0, uiPort: 0 });
  base = `http://127.0.0.1:${server.uiPort}/api/v1`;
  connection = await Connection.connect({ address: server.address });
  nativeConnection = await NativeConnection.connect({ address: server.address });
  client = new Client({ connection });
  worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities, identity: 'http-test-worker' });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  await server?.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function api(path: string, init?: { method?: string; body?: unknown; raw?: string; signal?: AbortSignal }): Promise<Answer> {
  const response = await fetch(base + path, {
    method: init?.method ?? (init?.body !== undefined || init?.raw !== undefined ? 'POST' : 'GET'),
    body: init?.raw ?? (init?.body !== undefined ? JSON.stringify(init.body) : undefined),
    headers: { 'Content-Type': 'application/json', 'Caller-Type': 'operator' },
    signal: init?.signal,
  });
  return { status: response.status, body: await response.json() };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const jsonPayload = (value: unknown) => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });
const fromPayload = (payload: { data: string }) => JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
const wid = (prefix: string) => `${prefix}/${randomUUID()}`;
const enc = encodeURIComponent;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startAccumulate(): Promise<WorkflowHandleWithFirstExecutionRunId<typeof accumulate>> {
  const handle = await client.workflow.start(accumulate, { taskQueue, workflowId: wid('acc') });
  await handle.query(totalQuery);
  return handle;
}

describe(httpApi.name, () => {
  describe('GET /settings', () => {
    it('reports write actions enabled and a UI server version that encodes path segments once', async () => {
      const { status, body } = await api('/settings');
      expect(status).toBe(200);
      expect(body).toMatchObject({ DefaultNamespace: 'default', DisableWriteActions: false, WorkflowTerminateDisabled: false, WorkflowResetDisabled: false });
      const [major, minor] = String(body.Version).split('.').map(Number);
      expect(major > 2 || (major === 2 && minor >= 23)).toBe(true);
    });
  });

  describe('GET /namespaces/{namespace}/workflows', () => {
    it('lists started workflows with proto3 JSON fields (enum names, RFC 3339 times)', async () => {
      const handle = await client.workflow.start(accumulate, { taskQueue, workflowId: wid('list') });
      const { status, body } = await api(`/namespaces/${NS}/workflows?pageSize=100&nextPageToken=`);
      expect(status).toBe(200);
      const listed = body.executions.find((e: { execution: { workflowId: string } }) => e.execution.workflowId === handle.workflowId);
      expect(listed).toMatchObject({
        execution: { runId: handle.firstExecutionRunId },
        type: { name: 'accumulate' },
        status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
        taskQueue,
      });
      expect(listed.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    });

    it('pages with pageSize and nextPageToken', async () => {
      await Promise.all([1, 2].map(() => client.workflow.start(accumulate, { taskQueue, workflowId: wid('page') })));
      const first = await api(`/namespaces/${NS}/workflows?pageSize=1`);
      expect(first.body.executions).toHaveLength(1);
      const second = await api(`/namespaces/${NS}/workflows?pageSize=1&next_page_token=${enc(first.body.nextPageToken)}`);
      expect(second.body.executions).toHaveLength(1);
      expect(second.body.executions[0].execution.runId).not.toBe(first.body.executions[0].execution.runId);
    });
  });

  describe('GET /namespaces/{namespace}/workflows/{workflowId}', () => {
    it('shows a retrying activity as pending with its attempt count and last failure', async () => {
      const handle = await client.workflow.start(retrying, { taskQueue, workflowId: wid('retry'), args: [1000, randomUUID(), 2_000] });
      const path = `/namespaces/${NS}/workflows/${enc(handle.workflowId)}?execution.runId=${handle.firstExecutionRunId}`;
      const { status, body } = await eventually(() => api(path), (a) => (a.body.pendingActivities?.[0]?.attempt ?? 0) >= 2);
      expect(status).toBe(200);
      expect(body.workflowExecutionInfo.execution.workflowId).toBe(handle.workflowId);
      expect(body.pendingActivities[0]).toMatchObject({ activityType: { name: 'flaky' }, lastFailure: { message: expect.stringMatching(/^attempt \d+ failed$/) } });
      expect(body.pendingActivities[0].attempt).toBeGreaterThanOrEqual(2);
      expect(body.executionConfig.taskQueue.name).toBe(taskQueue);
      await handle.terminate('test done');
    });

    it('answers 404 with a message for an unknown workflow', async () => {
      const { status, body } = await api(`/namespaces/${NS}/workflows/${enc(wid('missing'))}`);
      expect(status).toBe(404);
      expect(body.message).toMatch(/not found/);
    });
  });

  describe('GET /namespaces/{namespace}/workflows/{workflowId}/history', () => {
    it('pages events (int64 IDs as strings, attributes under <type>EventAttributes)', async () => {
      const handle = await startAccumulate();
      const path = `/namespaces/${NS}/workflows/${enc(handle.workflowId)}/history?execution.runId=${handle.firstExecutionRunId}&maximumPageSize=1`;
      const first = await api(path);
      expect(first.body.history.events[0]).toMatchObject({
        eventId: '1',
        eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
        workflowExecutionStartedEventAttributes: { workflowType: { name: 'accumulate' }, taskQueue: { name: taskQueue } },
      });
      const second = await api(`${path}&nextPageToken=${enc(first.body.nextPageToken)}`);
      expect(second.body.history.events.map((e: { eventId: string }) => e.eventId)).toEqual(['2']);
    });

    it('long-polls with waitNewEvent until the workflow has new events', async () => {
      const handle = await startAccumulate();
      const path = `/namespaces/${NS}/workflows/${enc(handle.workflowId)}/history?waitNewEvent=true`;
      const all = await api(path);
      const seen = all.body.history.events.length;
      const next = api(`${path}&nextPageToken=${enc(all.body.nextPageToken)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await handle.signal(addSignal, 2);
      const { body } = await next;
      expect(body.history.events[0].eventId).toBe(String(seen + 1));
      expect(body.history.events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED');
    });

    it('serves history-reverse newest first and the raw history.json download', async () => {
      const handle = await startAccumulate();
      const id = enc(handle.workflowId);
      const forward = (await api(`/namespaces/${NS}/workflows/${id}/history`)).body.history.events;
      const reverse = await api(`/namespaces/${NS}/workflows/${id}/history-reverse?maximumPageSize=2`);
      expect(reverse.body.history.events.map((e: { eventId: string }) => e.eventId)).toEqual([forward.length, forward.length - 1].map(String));
      const raw = await api(`/namespaces/${NS}/workflows/${id}/run/${handle.firstExecutionRunId}/history.json`);
      expect(raw.body.events).toEqual(forward);
    });
  });

  describe('POST /namespaces/{namespace}/workflows/{workflowId}/query/{queryType}', () => {
    it('returns the query result as a JSON payload, after a signal sent over HTTP', async () => {
      const handle = await startAccumulate();
      const id = enc(handle.workflowId);
      const execution = { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
      const signal = await api(`/namespaces/${NS}/workflows/${id}/signal/add`, {
        body: { signalName: 'add', workflowExecution: execution, input: { payloads: [jsonPayload(5)] } },
      });
      expect(signal.status).toBe(200);
      const { status, body } = await api(`/namespaces/${NS}/workflows/${id}/query/total`, { body: { execution, query: { queryType: 'total', queryArgs: null } } });
      expect(status).toBe(200);
      expect(fromPayload(body.queryResult.payloads[0])).toBe(5);
    });
  });

  describe('POST /namespaces/{namespace}/workflows/{workflowId}/update/{name}', () => {
    it('runs an update and answers its outcome', async () => {
      const handle = await client.workflow.start(staged, { taskQueue, workflowId: wid('staged') });
      const { status, body } = await api(`/namespaces/${NS}/workflows/${enc(handle.workflowId)}/update/setStage`, {
        body: {
          workflowExecution: { runId: handle.firstExecutionRunId },
          request: { meta: { updateId: randomUUID(), identity: 'web-ui' }, input: { args: { payloads: [jsonPayload('warning')] } } },
          waitPolicy: { lifecycleStage: 3 },
        },
      });
      expect(status).toBe(200);
      expect(fromPayload(body.outcome.success.payloads[0])).toBe('current');
      expect(await handle.query('stage')).toBe('warning');
    });
  });

  describe('POST /namespaces/{namespace}/workflows/{workflowId}/terminate and /cancel', () => {
    it('terminates the run, as the client sees it', async () => {
      const handle = await startAccumulate();
      const { status } = await api(`/namespaces/${NS}/workflows/${enc(handle.workflowId)}/terminate?execution.runId=${handle.firstExecutionRunId}`, {
        body: { reason: 'stuck Terminated from the Web UI' },
      });
      expect(status).toBe(200);
      const description = await handle.describe();
      expect(description.status.name).toBe('TERMINATED');
    });

    it('requests cancellation, which the workflow reports as cancelled', async () => {
      const handle = await startAccumulate();
      const { status } = await api(`/namespaces/${NS}/workflows/${enc(handle.workflowId)}/cancel?execution.runId=${handle.firstExecutionRunId}`, { body: {} });
      expect(status).toBe(200);
      const description = await eventually(() => handle.describe(), (d) => d.status.name !== 'RUNNING');
      expect(description.status.name).toBe('CANCELLED');
    });
  });

  describe('POST /namespaces/{namespace}/workflows/{workflowId}/reset', () => {
    it('resets to a workflow task with the numeric enums the UI sends, starting a new run', async () => {
      const handle = await startAccumulate();
      await handle.signal(addSignal, 7);
      const { status, body } = await api(`/namespaces/${NS}/workflows/${enc(handle.workflowId)}/reset?execution.runId=${handle.firstExecutionRunId}`, {
        body: {
          workflowExecution: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
          workflowTaskFinishEventId: '4',
          requestId: randomUUID(),
          reason: 'Reset from the Web UI',
          resetReapplyExcludeTypes: [0],
          resetReapplyType: 3,
        },
      });
      expect(status).toBe(200);
      expect(body.runId).not.toBe(handle.firstExecutionRunId);
      const latest = await client.workflow.getHandle(handle.workflowId).describe();
      expect(latest.runId).toBe(body.runId);
      expect(latest.status.name).toBe('RUNNING');
      const old = await client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
      expect(old.status.name).toBe('TERMINATED');
    });
  });

  describe('GET /namespaces/{namespace}/task-queues/{queue}', () => {
    it('lists the worker polling the queue', async () => {
      const { status, body } = await api(`/namespaces/${NS}/task-queues/${taskQueue}?taskQueueType=1`);
      expect(status).toBe(200);
      expect(body.pollers.map((p: { identity: string }) => p.identity)).toContain('http-test-worker');
      expect(body.pollers[0].lastAccessTime).toMatch(/Z$/);
    });
  });

  describe('errors', () => {
    it('answers 404 { message } for an unknown /api/v1 path', async () => {
      const { status, body } = await api('/namespaces/default/no-such-thing');
      expect(status).toBe(404);
      expect(body.message).toEqual(expect.any(String));
    });

    it.each([
      ['an undecodable escape', '/namespaces/default/workflows?query=%E0%A4%A'],
      ['a non-numeric int32', '/namespaces/default/workflows?pageSize=ten'],
      ['a non-boolean bool', '/namespaces/default/workflows/x/history?waitNewEvent=maybe'],
      ['an unknown enum name', '/namespaces/default/task-queues/q?taskQueueType=TASK_QUEUE_TYPE_NOPE'],
      ['a token that is not base64', '/namespaces/default/workflows?nextPageToken=%%%21'],
    ])('answers 400 { message } for a query string with %s', async (_what, path) => {
      const { status, body } = await api(path);
      expect(status).toBe(400);
      expect(body.message).toEqual(expect.any(String));
    });

    it('answers 400 for a malformed JSON body and 405 for a wrong method, and keeps serving', async () => {
      const malformed = await api('/namespaces/default/workflows/x/terminate', { raw: '{"reason":' });
      expect(malformed.status).toBe(400);
      const wrongType = await api('/namespaces/default/workflows/x/terminate', { body: { reason: 42 } });
      expect(wrongType.status).toBe(400);
      const wrongMethod = await api('/cluster-info', { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect((await api('/cluster-info')).status).toBe(200);
    });

    it('survives a client that goes away during a long poll', async () => {
      const handle = await startAccumulate();
      const path = `/namespaces/${NS}/workflows/${enc(handle.workflowId)}/history?waitNewEvent=true`;
      const all = await api(path);
      const abort = new AbortController();
      const pending = api(`${path}&nextPageToken=${enc(all.body.nextPageToken)}`, { signal: abort.signal }).catch((error: Error) => error.name);
      await new Promise((resolve) => setTimeout(resolve, 200));
      abort.abort();
      expect(await pending).toBe('AbortError');
      expect((await api('/system-info')).status).toBe(200);
    });
  });
});
