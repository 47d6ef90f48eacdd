/**
 * `@temporalio/testing` launches the executable unchanged (`existing-path`), in both of its forms.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { devServerBinPath } from '../src';
import * as activities from './fixtures/activities';
import { expectTimeSkipped, quietRuntime, uniqueId, workflowBundle } from './helpers';

jest.setTimeout(60_000);

const DAY_MS = 86_400_000;

describe(TestWorkflowEnvironment.name, () => {
  beforeAll(() => quietRuntime());

  describe('createLocal', () => {
    it('runs workflows against `lunas-temporal server start-dev`', async () => {
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: devServerBinPath() },
          namespace: 'lunas',
          searchAttributes: [defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD)],
          extraArgs: ['--unknown-flag', 'x'],
        },
      });
      try {
        expect(env.supportsTimeSkipping).toBe(false);
        const taskQueue = uniqueId('local');
        const worker = await Worker.create({ connection: env.nativeConnection, namespace: 'lunas', taskQueue, workflowBundle: await workflowBundle(), activities });
        const result = await worker.runUntil(
          env.client.workflow.execute('greet', { taskQueue, workflowId: uniqueId('greet'), args: ['env'] }),
        );
        expect(result).toBe('Hello, env!');
        const { customAttributes } = await env.connection.operatorService.listSearchAttributes({ namespace: 'lunas' });
        expect(customAttributes).toEqual({ CustomerId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
      } finally {
        await env.teardown();
      }
    });
  });

  describe('createTimeSkipping', () => {
    it('skips time for env.sleep and while awaiting a result; the workflow sees the skipped time', async () => {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: devServerBinPath() } },
      });
      try {
        expect(env.supportsTimeSkipping).toBe(true);
        const before = await env.currentTimeMs();
        await env.sleep('30 days');
        expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY_MS);

        const taskQueue = uniqueId('skip');
        const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
        const started = Date.now();
        const [wfBefore, wfAfter] = await worker.runUntil(
          env.client.workflow.execute('sleeper', { taskQueue, workflowId: uniqueId('sleeper'), args: [7 * DAY_MS] }),
        );
        expect(wfAfter - wfBefore).toBeGreaterThanOrEqual(7 * DAY_MS);
        expectTimeSkipped(wfAfter - wfBefore, started);
      } finally {
        await env.teardown();
      }
    });

    it('lets time run on past the tasks of a queue whose workers all shut down, like real time in a worker outage', async () => {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: devServerBinPath() } },
      });
      try {
        const taskQueue = uniqueId('outage');
        const bundle = await workflowBundle();
        const first = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
        const running = first.run();
        const handle = await env.client.workflow.start('sleeper', { taskQueue, workflowId: uniqueId('sleeper'), args: [DAY_MS] });
        await handle.query('__stack_trace'); // the first task has run: the workflow sleeps one day
        first.shutdown();
        await running;
        await env.sleep('26 days'); // the timer fires after one day; its task waits for a worker while time runs on
        const second = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
        const [wfBefore, wfAfter] = await second.runUntil(handle.result());
        expect(wfAfter - wfBefore).toBeGreaterThanOrEqual(26 * DAY_MS);
      } finally {
        await env.teardown();
      }
    });
  });
});
