/**
 * The Web UI's Schedules pages against the HTTP API: every request exactly as `@temporalio/ui` 2.38 sends it
 * (`services/schedule-service.js`, `stores/schedules.js`, `services/workflow-counts.js`): snake_case `request_id` /
 * `schedule_id`, cron strings with the UI's `#` comment, calendars with empty fields, shorthand overlap policies
 * (`AllowAll`), the edit form posting back the described schedule, and the count the list header shows.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DevServer, startDevServer } from '../../src';

const NS = 'default';

let server: DevServer;
let connection: Connection;
let client: Client;
let base: string;

beforeAll(async () => {
  server = await startDevServer({ port: 0, uiPort: 0, searchAttributes: { CustomKeywordField: 'Keyword' } });
  base = `http://127.0.0.1:${server.uiPort}/api/v1/namespaces/${NS}`;
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await server?.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function api(path: string, init?: { method?: string; body?: unknown; params?: Record<string, string> }): Promise<Answer> {
  const query = init?.params ? `?${new URLSearchParams(init.params).toString()}` : '';
  const response = await fetch(base + path + query, {
    method: init?.method ?? (init?.body !== undefined ? 'POST' : 'GET'),
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    headers: { 'Content-Type': 'application/json', 'Caller-Type': 'operator' },
  });
  return { status: response.status, body: await response.json() };
}

const prefix = () => `ui-${randomUUID().slice(0, 8)}`;
const enc = encodeURIComponent;

/** The body `submitCreateSchedule` posts for the "string" (cron) preset. */
function cronCreateBody(scheduleId: string, cron: string, searchAttributes: Record<string, unknown> | null = null) {
  return {
    request_id: randomUUID(),
    schedule_id: scheduleId,
    searchAttributes: searchAttributes ? { indexedFields: searchAttributes } : null,
    schedule: {
      spec: { calendar: [], interval: [], cronString: [`${cron}#${cron}`] },
      action: {
        startWorkflow: {
          workflowId: `${scheduleId}-wf`,
          workflowType: { name: 'uiScheduledWorkflow' },
          taskQueue: { name: 'ui-schedules' },
          input: null,
          searchAttributes: null,
        },
      },
    },
  };
}

const keyword = (value: string) => ({
  metadata: { encoding: Buffer.from('json/plain').toString('base64'), type: Buffer.from('Keyword').toString('base64') },
  data: Buffer.from(JSON.stringify(value)).toString('base64'),
});

async function createCron(scheduleId: string, cron = '0 12 * * *', searchAttributes: Record<string, unknown> | null = null): Promise<void> {
  const created = await api(`/schedules/${enc(scheduleId)}`, { body: cronCreateBody(scheduleId, cron, searchAttributes) });
  expect(created.status).toBe(200);
}

const patch = (scheduleId: string, body: object) => api(`/schedules/${enc(scheduleId)}/patch`, { body: { ...body, request_id: randomUUID() } });
const describe_ = (scheduleId: string) => api(`/schedules/${enc(scheduleId)}`);

describe('Schedules pages over HTTP', () => {
  it('creates from the cron, interval and calendar presets and describes them', async () => {
    const p = prefix();
    await createCron(`${p}-cron`, '30 8 * * 1');
    const interval = await api(`/schedules/${p}-interval`, {
      body: {
        ...cronCreateBody(`${p}-interval`, ''),
        schedule: {
          ...cronCreateBody(`${p}-interval`, '').schedule,
          spec: { interval: [{ interval: '5400s', phase: '0s' }], cronString: [], calendar: [] },
        },
      },
    });
    expect(interval.status).toBe(200);
    const calendarBody = cronCreateBody(`${p}-calendar`, '');
    calendarBody.schedule.spec = {
      calendar: [{ year: '*', month: '', dayOfMonth: '', dayOfWeek: '1,3', hour: '9', minute: '15', second: '0' }],
      interval: [],
      cronString: [],
    } as never;
    expect((await api(`/schedules/${p}-calendar`, { body: calendarBody })).status).toBe(200);

    const cron = (await describe_(`${p}-cron`)).body;
    expect(cron.schedule.spec.structuredCalendar[0]).toMatchObject({
      minute: [{ start: 30, end: 30, step: 1 }],
      hour: [{ start: 8, end: 8, step: 1 }],
      dayOfWeek: [{ start: 1, end: 1, step: 1 }],
      comment: '30 8 * * 1',
    });
    expect(cron.info.futureActionTimes.length).toBeGreaterThan(0);
    expect(new Date(cron.info.futureActionTimes[0]).getUTCDay()).toBe(1);
    expect((await describe_(`${p}-interval`)).body.schedule.spec.interval).toEqual([{ interval: '5400s', phase: '0s' }]);
    const calendar = (await describe_(`${p}-calendar`)).body;
    const next = new Date(calendar.info.futureActionTimes[0]);
    expect([1, 3]).toContain(next.getUTCDay());
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([9, 15]);
  });

  it('lists with the UI query filter, and counts as the list header does', async () => {
    const p = prefix();
    await createCron(`${p}-alpha`);
    await createCron(`${p}-beta`, '0 12 * * *', { CustomKeywordField: keyword('gold') });
    await createCron(`${p}-gamma`);
    await createCron(`other-${p}`);

    const list = async (query: string) =>
      (await api('/schedules', { params: { maximumPageSize: '100', nextPageToken: '', query } })).body.schedules.map((s: { scheduleId: string }) => s.scheduleId);
    expect(await list(`\`ScheduleId\` STARTS_WITH "${p}"`)).toEqual([`${p}-alpha`, `${p}-beta`, `${p}-gamma`]);
    expect(await list(`ScheduleId = "${p}-beta"`)).toEqual([`${p}-beta`]);
    expect(await list(`ScheduleId STARTS_WITH "${p}" AND CustomKeywordField = "gold"`)).toEqual([`${p}-beta`]);

    expect((await patch(`${p}-gamma`, { patch: { pause: 'maintenance' } })).status).toBe(200);
    expect(await list(`ScheduleId STARTS_WITH "${p}" AND TemporalSchedulePaused = true`)).toEqual([`${p}-gamma`]);
    expect(await list(`ScheduleId STARTS_WITH "${p}" AND TemporalSchedulePaused = false`)).toEqual([`${p}-alpha`, `${p}-beta`]);

    const count = await api('/workflow-count', {
      params: { query: `TemporalNamespaceDivision="TemporalScheduler" AND ExecutionStatus="Running" AND \`ScheduleId\` STARTS_WITH "${p}"` },
    });
    expect(count).toEqual({ status: 200, body: { count: '3', groups: [] } });
    expect((await api('/schedule-count', { params: { query: `ScheduleId STARTS_WITH "${p}"` } })).body.count).toBe('3');

    const bad = await api('/schedules', { params: { query: 'NoSuchAttribute = "x"' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('NoSuchAttribute');
  });

  it('pauses and unpauses with the reason as notes', async () => {
    const id = `${prefix()}-pause`;
    await createCron(id);
    await patch(id, { patch: { pause: 'libur lebaran' } });
    expect((await describe_(id)).body.schedule.state).toMatchObject({ paused: true, notes: 'libur lebaran' });
    await patch(id, { patch: { unpause: 'kembali normal' } });
    const state = (await describe_(id)).body.schedule.state;
    expect(state.notes).toBe('kembali normal');
    expect(state.paused).toBeUndefined(); // proto3 JSON leaves out false, as the real server does
  });

  it('triggers with the shorthand overlap policy the trigger dialog sends', async () => {
    const id = `${prefix()}-trigger`;
    await createCron(id);
    // No worker: the first run stays open, so a second trigger starts only because of AllowAll (the schedule's policy is Skip).
    // Started workflow ids carry the trigger time in whole seconds, so the second trigger comes a second later.
    expect((await patch(id, { patch: { triggerImmediately: { overlapPolicy: 'AllowAll' } } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await patch(id, { patch: { triggerImmediately: { overlapPolicy: 'AllowAll' } } })).status).toBe(200);
    const info = (await describe_(id)).body.info;
    expect(info.runningWorkflows).toHaveLength(2);
    expect(info.recentActions).toHaveLength(2);
    expect(info.recentActions[0].startWorkflowStatus).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
    const started = await client.workflow.getHandle(info.recentActions[0].startWorkflowResult.workflowId).describe();
    expect(started.searchAttributes['TemporalScheduledById']).toEqual([id]);
  });

  it('backfills a range with the backfill dialog body', async () => {
    const id = `${prefix()}-backfill`;
    await createCron(id, '0 * * * *');
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
    const start = new Date(end.getTime() - 2 * 3_600_000);
    const answer = await patch(id, {
      patch: { backfillRequest: [{ overlapPolicy: 'AllowAll', startTime: start.toISOString(), endTime: end.toISOString() }] },
    });
    expect(answer.status).toBe(200);
    const info = (await describe_(id)).body.info;
    expect(info.recentActions.map((a: { scheduleTime: string }) => a.scheduleTime)).toEqual([
      start.toISOString().replace('.000', ''),
      new Date(start.getTime() + 3_600_000).toISOString().replace('.000', ''),
      end.toISOString().replace('.000', ''),
    ]);
  });

  it('edits by posting back the described schedule with a new spec, and deletes', async () => {
    const id = `${prefix()}-edit`;
    await createCron(id);
    const described = (await describe_(id)).body;
    const edited = await api(`/schedules/${enc(id)}/update`, {
      body: {
        request_id: randomUUID(),
        schedule_id: id,
        searchAttributes: null,
        schedule: {
          ...described.schedule,
          spec: { ...described.schedule.spec, cronString: ['15 6 * * *#15 6 * * *'], calendar: [], interval: [], structuredCalendar: [] },
          action: { startWorkflow: { ...described.schedule.action.startWorkflow, workflowId: `${id}-renamed`, searchAttributes: null } },
        },
      },
    });
    expect(edited.status).toBe(200);
    const after = (await describe_(id)).body;
    expect(after.schedule.spec.structuredCalendar).toHaveLength(1);
    expect(after.schedule.spec.structuredCalendar[0]).toMatchObject({ hour: [{ start: 6, end: 6, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] });
    expect(after.schedule.action.startWorkflow.workflowId).toBe(`${id}-renamed`);
    expect(after.schedule.policies.overlapPolicy).toBe('SCHEDULE_OVERLAP_POLICY_SKIP');

    expect((await api(`/schedules/${enc(id)}`, { method: 'DELETE' })).status).toBe(200);
    expect((await describe_(id)).status).toBe(404);
  });
});
