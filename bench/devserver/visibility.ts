/**
 * Visibility benchmark: `node -r @swc-node/register bench/devserver/visibility.ts [--runs N] [--iterations N]`.
 * Starts the `lunas-temporal` executable (in memory) with Lunas search attributes, creates N workflows
 * (default 100,000) through StartWorkflowExecution with typed search attributes, terminates a third of them
 * (closed runs), then measures ListWorkflowExecutions (page size 100) and CountWorkflowExecutions latency
 * from a gRPC client. Target (issue 4): a selective query's p99 ≤ 200 ms on 2 cores.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@lunas/testing';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { devServerBinPath } from '../../temporal/devserver/src/bin-path';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 100_000);
const ITERATIONS = option('iterations', 200);
const CONCURRENCY = 50;
const STAGES = ['current', 'reminder', 'warning', 'suspended', 'terminated'];
const TENANTS = 200;

function launch(port: number): Promise<ChildProcess> {
  const flags = ['server', 'start-dev', '--port', String(port), '--headless'];
  for (const sa of ['LunasTenantId=Keyword', 'LunasDunningStage=Keyword', 'LunasOutstanding=Int']) flags.push('--search-attribute', sa);
  const child = spawn(devServerBinPath(), flags, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

async function pool(count: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const typed = (value: unknown, type: string) => {
  const payload = defaultPayloadConverter.toPayload(value);
  return { ...payload, metadata: { ...payload.metadata, type: Buffer.from(type) } };
};

async function measure(label: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`${label.padEnd(86)} p50 ${pick(0.5).padStart(6)} ms  p99 ${pick(0.99).padStart(6)} ms`);
}

async function main() {
  console.log(`load average at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  const port = await freePort();
  const child = await launch(port);
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  const service = connection.workflowService;
  const namespace = 'default';
  const t0 = Date.now();
  await pool(RUNS, (i) =>
    service.startWorkflowExecution({
      namespace,
      workflowId: `subscription-${i}`,
      workflowType: { name: 'subscriptionWorkflow' },
      taskQueue: { name: 'nobody' },
      requestId: `bench-${i}`,
      searchAttributes: {
        indexedFields: {
          LunasTenantId: typed(`tenant-${i % TENANTS}`, 'Keyword'),
          LunasDunningStage: typed(STAGES[i % STAGES.length], 'Keyword'),
          LunasOutstanding: typed((i % 40) * 50_000, 'Int'),
        },
      },
    }),
  );
  await pool(Math.floor(RUNS / 3), (i) => service.terminateWorkflowExecution({ namespace, workflowExecution: { workflowId: `subscription-${i * 3}` }, reason: 'bench' }));
  console.log(`created ${RUNS} workflows (${Math.floor(RUNS / 3)} closed) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const list = (query: string) => () => service.listWorkflowExecutions({ namespace, query, pageSize: 100 });
  await measure(`list selective: tenant AND Running (≈330 matches, page 100)`, list(`LunasTenantId = 'tenant-7' AND ExecutionStatus = 'Running'`));
  await measure(`list selective: tenant AND stage IN (…) (≈80 matches)`, list(`LunasTenantId = 'tenant-7' AND LunasDunningStage IN ('reminder', 'warning')`));
  await measure(`list by WorkflowId`, list(`WorkflowId = 'subscription-4242'`));
  await measure(`list stage = suspended, ORDER BY StartTime (20,000 matches, page 100)`, list(`LunasDunningStage = 'suspended' ORDER BY StartTime DESC`));
  await measure(`list everything, default order, first page`, list(''));
  await measure(`count GROUP BY ExecutionStatus (all)`, () => service.countWorkflowExecutions({ namespace, query: 'GROUP BY ExecutionStatus' }));
  await connection.close();
  child.kill('SIGTERM');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
