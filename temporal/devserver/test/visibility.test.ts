/**
 * Visibility through the public SDK: List/Count with the query language over system and custom search
 * attributes (upserted by workflows or typed at start), paging and ordering, GROUP BY ExecutionStatus,
 * errors, and persistence across restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { startDevServer } from '../src';
import { createHarness, Harness, MODES, uniqueId, workflowBundle } from './helpers';

jest.setTimeout(90_000);

const LunasDunningStage = defineSearchAttributeKey('LunasDunningStage', SearchAttributeType.KEYWORD);
const LunasOutstanding = defineSearchAttributeKey('LunasOutstanding', SearchAttributeType.INT);

describe.each(MODES)(`${startDevServer.name} visibility (%s mode)`, (mode) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(mode);
    await workflowBundle();
  });
  afterAll(() => h?.teardown());

  const ids = async (query: string) => {
    const found: string[] = [];
    for await (const execution of h.client.workflow.list({ query })) found.push(execution.workflowId);
    return found;
  };

  it('finds workflows by a custom attribute after the workflow upserted it', async () => {
    await h.withWorker(async (taskQueue) => {
      const handles: WorkflowHandle[] = [];
      for (const stage of ['reminder', 'suspended', 'suspended']) {
        handles.push(await h.client.workflow.start('dunningStage', { taskQueue, workflowId: uniqueId(stage), args: [stage] }));
      }
      // A query is answered after the first workflow task, so the upsert has happened.
      for (const handle of handles) await handle.query('stage');
      const suspended = await ids(`TaskQueue = '${taskQueue}' AND LunasDunningStage = 'suspended'`);
      expect(suspended.sort()).toEqual([handles[1].workflowId, handles[2].workflowId].sort());
      const described = await handles[1].describe();
      expect(described.typedSearchAttributes.get(LunasDunningStage)).toBe('suspended');
      for (const handle of handles) {
        await handle.signal('done');
        await handle.result();
      }
      expect(await ids(`TaskQueue = '${taskQueue}' AND LunasDunningStage = 'suspended' AND ExecutionStatus = 'Completed'`)).toHaveLength(2);
    });
  });

  it('counts executions grouped by status', async () => {
    await h.withWorker(async (taskQueue) => {
      await h.client.workflow.execute('greet', { taskQueue, workflowId: uniqueId('greet'), args: ['a'] });
      await h.client.workflow.execute('greet', { taskQueue, workflowId: uniqueId('greet'), args: ['b'] });
      await h.client.workflow.execute('failing', { taskQueue, workflowId: uniqueId('failing') }).catch(() => undefined);
      const running = await h.client.workflow.start('waitForever', { taskQueue, workflowId: uniqueId('running') });
      await h.client.workflow.start('waitForever', { taskQueue, workflowId: uniqueId('terminated') }).then((handle) => handle.terminate());
      const counted = await h.client.workflow.count(`TaskQueue = '${taskQueue}' GROUP BY ExecutionStatus`);
      expect(counted.count).toBe(5);
      const byStatus = Object.fromEntries(counted.groups.map((g) => [g.groupValues[0], g.count]));
      expect(byStatus).toEqual({ Running: 1, Completed: 2, Failed: 1, Terminated: 1 });
      expect((await h.client.workflow.count(`TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`)).count).toBe(1);
      await running.terminate();
    });
  });

  it('lists in pages in the requested order, with typed search attributes given at start', async () => {
    const taskQueue = uniqueId('nobody');
    const workflowIds = ['e', 'a', 'd', 'b', 'c'].map((letter) => `${taskQueue}-${letter}`);
    for (const [i, workflowId] of workflowIds.entries()) {
      await h.client.workflow.start('waitForever', { taskQueue, workflowId, typedSearchAttributes: [{ key: LunasOutstanding, value: (i + 1) * 100_000 }] });
    }
    const pages: string[][] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await h.client.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: `TaskQueue = '${taskQueue}' AND LunasOutstanding >= 200000 ORDER BY WorkflowId ASC`,
        pageSize: 2,
        nextPageToken,
      });
      pages.push((page.executions ?? []).map((e) => e.execution?.workflowId ?? ''));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    expect(pages).toEqual([[`${taskQueue}-a`, `${taskQueue}-b`], [`${taskQueue}-c`, `${taskQueue}-d`]]);
    await Promise.all(workflowIds.map((id) => h.client.workflow.getHandle(id).terminate()));
  });

  it('answers a malformed query with INVALID_ARGUMENT saying where it is wrong', async () => {
    const error = await h.client.workflow.count(`WorkflowId == 'x'`).catch((e: unknown) => e);
    const cause = (error as { cause?: { code?: number; details?: string } }).cause;
    expect(cause?.code).toBe(3);
    expect(cause?.details).toMatch(/^invalid query: .*syntax error at position \d+ near '='/);
    await expect(h.client.workflow.count(`Unknown = 1`)).rejects.toThrow();
  });

  it('rejects a start with an undefined search attribute', async () => {
    const error = await h.client.workflow
      .start('waitForever', { taskQueue: uniqueId('nobody'), workflowId: uniqueId('bad-sa'), searchAttributes: { Undefined: ['x'] } })
      .catch((e: unknown) => e);
    expect((error as { cause?: { code?: number; details?: string } }).cause?.details).toBe('search attribute Undefined is not defined');
  });
});

describe(`${startDevServer.name} visibility persistence`, () => {
  it('keeps runtime-registered search attributes, namespaces and the index across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lunas-visibility-'));
    const dbFilename = join(dir, 'temporal.db');
    try {
      const first = await startDevServer({ port: 0, dbFilename });
      const connection = await Connection.connect({ address: first.address });
      await connection.operatorService.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { LunasTenantId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
      });
      await connection.workflowService.registerNamespace({ namespace: 'mitra' });
      const client = new Client({ connection });
      await client.workflow.start('waitForever', { taskQueue: 'nobody', workflowId: 'tenant-7', searchAttributes: { LunasTenantId: ['tenant-7'] } });
      await connection.close();
      await first.close();

      const second = await startDevServer({ port: 0, dbFilename });
      const again = await Connection.connect({ address: second.address });
      const listed = await again.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(listed.customAttributes).toEqual({ LunasTenantId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
      expect((await again.workflowService.describeNamespace({ namespace: 'mitra' })).namespaceInfo?.name).toBe('mitra');
      const found = await again.workflowService.listWorkflowExecutions({ namespace: 'default', query: `LunasTenantId = 'tenant-7'` });
      expect(found.executions?.map((e) => e.execution?.workflowId)).toEqual(['tenant-7']);
      await again.close();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
