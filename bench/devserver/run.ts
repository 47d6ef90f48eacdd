/**
 * Dev server benchmark: `node -r @swc-node/register bench/devserver/run.ts [--db] [--workflows N] [--open N]`.
 * The server runs as its own process (the `lunas-temporal` executable, journal on disk with --db);
 * worker and client run here. Prints workflows/s for a one-activity workflow at 50 concurrent starters,
 * signals/s, updates/s (validated update, completed stage), p50/p99 start-to-complete latency, server RSS with N
 * open timer workflows, restart recovery. Visibility latency over 100,000 runs is `visibility.ts`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { devServerBinPath } from '../../temporal/devserver/src/bin-path';
import * as activities from './activities';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CONCURRENCY = 50;
const WORKFLOWS = option('workflows', 3000);
const SIGNAL_SECONDS = option('signal-seconds', 5);
const OPEN = option('open', 10_000);
const UPDATE_SECONDS = option('update-seconds', 5);
const MEMORY_ONLY = args.includes('--memory');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function launch(port: number, db: string | undefined): Promise<{ child: ChildProcess; startupMs: number; recoveryLog: string }> {
  const started = Date.now();
  const flags = ['server', 'start-dev', '--port', String(port), '--headless', '--log-level', 'info'];
  if (db) flags.push('--db-filename', db);
  const child = spawn(devServerBinPath(), flags, { stdio: ['ignore', 'pipe', 'pipe'] });
  let recoveryLog = '';
  child.stderr?.on('data', (c: Buffer) => {
    const line = c.toString();
    if (line.includes('recovered')) recoveryLog = line.trim();
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('listening')) setImmediate(() => resolve({ child, startupMs: Date.now() - started, recoveryLog }));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

const rssMiB = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
};

/** CPU seconds (user + system) the process has used, from /proc (clock ticks at 100 Hz). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const dir = mkdtempSync(join(tmpdir(), 'lunas-bench-'));
  const db = MEMORY_ONLY ? undefined : join(dir, 'bench.db');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  let { child } = await launch(port, db);
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('ERROR') });
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = 'bench';
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle,
    activities,
    maxCachedWorkflows: 2000,
  });
  const workerRun = worker.run();
  const report: string[] = [`mode: ${db ? 'journal on disk (--db-filename)' : 'in memory'}; load average at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`];
  console.log(report[0]);
  const print = (line: string) => {
    report.push(line);
    console.log(line);
  };

  // Warm-up, then throughput and latency: one-activity workflows, 50 concurrent starters.
  await pool(200, CONCURRENCY, (i) => client.workflow.execute('oneActivity', { taskQueue, workflowId: `warm-${i}`, args: ['x'] }));
  const latencies: number[] = [];
  const serverCpu0 = cpuSeconds(child.pid as number);
  const t0 = Date.now();
  await pool(WORKFLOWS, CONCURRENCY, async (i) => {
    const start = Date.now();
    await client.workflow.execute('oneActivity', { taskQueue, workflowId: `wf-${i}`, args: [`payload-${i}`] });
    latencies.push(Date.now() - start);
  });
  const seconds = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  print(`workflows/s (one activity, ${CONCURRENCY} concurrent starters, ${WORKFLOWS} workflows): ${(WORKFLOWS / seconds).toFixed(0)}`);
  print(`start-to-complete latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`);
  const cpuPerWorkflowMs = ((cpuSeconds(child.pid as number) - serverCpu0) * 1000) / WORKFLOWS;
  print(`server CPU per workflow: ${cpuPerWorkflowMs.toFixed(2)} ms (≈ ${(1000 / cpuPerWorkflowMs).toFixed(0)} workflows/s per core of server capacity)`);

  // Signals/s: 50 concurrent senders into 10 workflows.
  const sinks = await Promise.all(Array.from({ length: 10 }, (_, i) => client.workflow.start('signalSink', { taskQueue, workflowId: `sink-${i}` })));
  let signals = 0;
  const signalEnd = Date.now() + SIGNAL_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      while (Date.now() < signalEnd) {
        await sinks[i % sinks.length].signal('ping');
        signals++;
      }
    }),
  );
  print(`signals/s (${CONCURRENCY} concurrent senders): ${(signals / SIGNAL_SECONDS).toFixed(0)}`);
  await Promise.all(sinks.map((s) => s.signal('stop')));
  const delivered = (await Promise.all(sinks.map((s) => s.result()))).reduce((a, b) => a + b, 0);
  if (delivered !== signals) throw new Error(`signals lost: sent ${signals}, delivered ${delivered}`);

  // Updates/s: 50 concurrent callers, each update validated, accepted and completed (executeUpdate).
  const updateSinks = await Promise.all(Array.from({ length: 10 }, (_, i) => client.workflow.start('updateSink', { taskQueue, workflowId: `update-sink-${i}` })));
  let updates = 0;
  const updateLatencies: number[] = [];
  const updateEnd = Date.now() + UPDATE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, i) => {
      while (Date.now() < updateEnd) {
        const start = Date.now();
        await updateSinks[i % updateSinks.length].executeUpdate('bump', { args: [1] });
        updateLatencies.push(Date.now() - start);
        updates++;
      }
    }),
  );
  updateLatencies.sort((a, b) => a - b);
  print(
    `updates/s (${CONCURRENCY} concurrent callers, 10 workflows): ${(updates / UPDATE_SECONDS).toFixed(0)}; latency p50 ${percentile(updateLatencies, 50)} ms, p99 ${percentile(updateLatencies, 99)} ms`,
  );
  await Promise.all(updateSinks.map((s) => s.signal('stop')));
  const applied = (await Promise.all(updateSinks.map((s) => s.result()))).reduce((a, b) => a + b, 0);
  if (applied !== updates) throw new Error(`updates lost: completed ${updates}, applied ${applied}`);

  // Open workflows waiting on a timer: server RSS.
  const handles = await pool(OPEN, CONCURRENCY, (i) => client.workflow.start('waitOnTimer', { taskQueue, workflowId: `open-${i}`, args: [3_600_000] }));
  await pool(OPEN, CONCURRENCY, async (i) => {
    for (;;) {
      const d = await handles[i].describe();
      if (!d.raw.pendingWorkflowTask) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  print(`server RSS with ${OPEN} open workflows waiting on a timer: ${rssMiB(child.pid as number).toFixed(0)} MiB`);

  worker.shutdown();
  await workerRun;
  await connection.close();
  await nativeConnection.close();

  if (db) {
    print(`journal size: ${(statSync(db).size / 1048576).toFixed(1)} MiB`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const restarted = await launch(port, db);
    child = restarted.child;
    print(`restart recovery (spawn to listening, kill -9 before): ${restarted.startupMs} ms; ${restarted.recoveryLog.replace(/^.*INFO /, '')}`);
  }
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
