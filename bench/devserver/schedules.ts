/**
 * Schedules benchmark: `SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/devserver/schedules.ts [--schedules N] [--every S] [--seconds S] [--db]`.
 * Starts the `lunas-temporal` executable (in memory, or with a journal with `--db`), a protocol-level worker
 * (`protocol-worker.ts`) that runs the started `oneActivity` workflows, and creates N schedules (default 1,000),
 * each firing every S seconds (default 1) with the SKIP overlap policy. After a warm-up it measures, over a
 * window, the actions the schedules took per second (from DescribeSchedule action counts), the starts skipped
 * because the previous workflow still ran, and the server's resident memory (VmRSS) with the schedules loaded.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@lunas/testing';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import { devServerBinPath } from '../../temporal/devserver/src/bin-path';
import { untilReady } from '../support/child-process';
import { rssMiB } from '../support/proc';
import { runProtocolWorker } from './protocol-worker';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SCHEDULES = option('schedules', 1000);
const EVERY_S = option('every', 1);
const WINDOW_S = option('seconds', 20);
const WARM_UP_S = 5;
const NAMESPACE = 'default';
const TASK_QUEUE = 'bench-schedules';

function launch(port: number, db: string | undefined): Promise<ChildProcess> {
  const flags = ['server', 'start-dev', '--port', String(port), '--headless', ...(db ? ['--db-filename', db] : [])];
  return untilReady(spawn(devServerBinPath(), flags, { stdio: ['ignore', 'pipe', 'inherit'] }), 'listening', 'server');
}

async function totals(service: Connection['workflowService']): Promise<{ actions: number; skipped: number }> {
  let actions = 0;
  let skipped = 0;
  for (let i = 0; i < SCHEDULES; i++) {
    const { info } = await service.describeSchedule({ namespace: NAMESPACE, scheduleId: `bench-${i}` });
    actions += Number(info?.actionCount ?? 0);
    skipped += Number(info?.overlapSkipped ?? 0);
  }
  return { actions, skipped };
}

async function main() {
  console.log(`load average at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  const dir = args.includes('--db') ? mkdtempSync(join(tmpdir(), 'bench-schedules-')) : undefined;
  const port = await freePort();
  const child = await launch(port, dir && join(dir, 'temporal.db'));
  const address = `127.0.0.1:${port}`;
  const rssEmpty = rssMiB(child.pid ?? 0);
  const stopWorker = await runProtocolWorker(address, { namespace: NAMESPACE, taskQueue: TASK_QUEUE, pollers: 20 });
  const connection = await Connection.connect({ address });
  const service = connection.workflowService;
  try {
    const created = Date.now();
    for (let i = 0; i < SCHEDULES; i++) {
      await service.createSchedule({
        namespace: NAMESPACE,
        scheduleId: `bench-${i}`,
        schedule: {
          spec: { interval: [{ interval: { seconds: Long.fromNumber(EVERY_S) } }] },
          action: {
            startWorkflow: {
              workflowId: `bench-${i}`,
              workflowType: { name: 'oneActivity' },
              taskQueue: { name: TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            },
          },
          policies: { overlapPolicy: temporal.api.enums.v1.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP },
        },
      });
    }
    console.log(`created ${SCHEDULES} schedules (every ${EVERY_S} s) in ${((Date.now() - created) / 1000).toFixed(1)} s`);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_S * 1000));
    const before = await totals(service);
    const t0 = Date.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000));
    const after = await totals(service);
    const seconds = (Date.now() - t0) / 1000;
    const rss = rssMiB(child.pid ?? 0);
    console.log(`offered: ${(SCHEDULES / EVERY_S).toFixed(0)} actions/s`);
    console.log(`schedules firing: ${((after.actions - before.actions) / seconds).toFixed(0)} actions/s (workflows started)`);
    console.log(`skipped (previous run still open): ${((after.skipped - before.skipped) / seconds).toFixed(0)}/s`);
    console.log(`server RSS: ${rssEmpty.toFixed(0)} MiB empty, ${rss.toFixed(0)} MiB with ${SCHEDULES} schedules after ${after.actions} actions`);
    console.log(`load average at end: ${loadavg()[0].toFixed(1)}`);
  } finally {
    await connection.close();
    await stopWorker().catch(() => undefined);
    child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
