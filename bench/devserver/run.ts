/**
 * Dev server benchmark: `node -r @swc-node/register bench/devserver/run.ts [--memory] [--workflows N] [--open N] [--stock-vm]`.
 * The server runs as its own process (the `lunas-temporal` executable, journal on disk unless --memory); the
 * starters (the client) run here. Workflows/s and p50/p99 start-to-complete latency of a one-activity workflow at
 * 50 concurrent starters are measured twice:
 *   1. server capacity — with a protocol-level worker (`protocol-worker.ts`, no SDK) in this process;
 *   2. end to end with the real SDK worker in its own process (`sdk-worker.ts`, lean VM unless --stock-vm).
 * Then, with the SDK worker: signals/s, updates/s (validated update, completed stage), server RSS with N open
 * timer workflows, restart recovery. Visibility latency over 100,000 runs is `visibility.ts`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { freePort } from '@lunas/testing';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { devServerBinPath } from '../../temporal/devserver/src/bin-path';
import { runProtocolWorker } from './protocol-worker';
import { untilReady } from '../support/child-process';
import { cpuSeconds, rssMiB } from '../support/proc';

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
const STOCK_VM = args.includes('--stock-vm');

async function launch(port: number, db: string | undefined): Promise<{ child: ChildProcess; startupMs: number; recoveryLog: string }> {
  const started = Date.now();
  const flags = ['server', 'start-dev', '--port', String(port), '--headless', '--log-level', 'info'];
  if (db) flags.push('--db-filename', db);
  const child = spawn(devServerBinPath(), flags, { stdio: ['ignore', 'pipe', 'pipe'] });
  let recoveryLog = '';
  child.stderr?.on('data', (c: Buffer) => {
    const line = c.toString();
    if (line.includes('recovered')) recoveryLog = line.trim();
  });
  await untilReady(child, 'listening', 'server');
  return { child, startupMs: Date.now() - started, recoveryLog };
}

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

/** Spawns the SDK worker process and resolves once it polls. */
function launchSdkWorker(address: string, taskQueue: string): Promise<ChildProcess> {
  const preload = ['-r', '@swc-node/register', ...(STOCK_VM ? [] : ['-r', join(__dirname, '../../apps/worker/src/temporal/lean-vm.preload.ts')])];
  const child = spawn(process.execPath, [...preload, join(__dirname, 'sdk-worker.ts'), address, taskQueue], { stdio: ['ignore', 'pipe', 'inherit'] });
  return untilReady(child, 'ready', 'sdk worker');
}

/**
 * 50 concurrent starters each `execute` (start, then wait for the result) one-activity workflows on `taskQueue`:
 * a warm-up of 200, then WORKFLOWS measured. Returns workflows/s, latencies and CPU per workflow of the server and
 * of this process (the starters, and the protocol worker when it runs here) and of the worker process, if any.
 */
async function throughput(client: Client, taskQueue: string, serverPid: number, workerPid?: number) {
  await pool(200, CONCURRENCY, (i) => client.workflow.execute('oneActivity', { taskQueue, workflowId: `${taskQueue}-warm-${i}`, args: ['x'] }));
  const latencies: number[] = [];
  const serverCpu0 = cpuSeconds(serverPid);
  const workerCpu0 = workerPid ? cpuSeconds(workerPid) : 0;
  const ownCpu0 = process.cpuUsage();
  const t0 = Date.now();
  await pool(WORKFLOWS, CONCURRENCY, async (i) => {
    const start = Date.now();
    const result = await client.workflow.execute('oneActivity', { taskQueue, workflowId: `${taskQueue}-${i}`, args: [`payload-${i}`] });
    if (result !== `payload-${i}`) throw new Error(`workflow ${taskQueue}-${i} answered ${JSON.stringify(result)}`);
    latencies.push(Date.now() - start);
  });
  const perSecond = WORKFLOWS / ((Date.now() - t0) / 1000);
  const ownCpu = process.cpuUsage(ownCpu0);
  latencies.sort((a, b) => a - b);
  return {
    perSecond,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    serverCpuMs: ((cpuSeconds(serverPid) - serverCpu0) * 1000) / WORKFLOWS,
    benchCpuMs: (ownCpu.user + ownCpu.system) / 1000 / WORKFLOWS,
    workerCpuMs: workerPid ? ((cpuSeconds(workerPid) - workerCpu0) * 1000) / WORKFLOWS : undefined,
  };
}

/**
 * Server capacity: the protocol-level worker (no SDK) in this process, against a server of its own (same mode),
 * so that the later phases — and the RSS figure — see the same server state as before this phase existed.
 */
async function serverCapacity(db: string | undefined) {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const { child } = await launch(port, db);
  const connection = await Connection.connect({ address });
  const stopProtocolWorker = await runProtocolWorker(address, { namespace: 'default', taskQueue: 'bench-protocol', pollers: CONCURRENCY });
  const figures = await throughput(new Client({ connection }), 'bench-protocol', child.pid as number);
  await stopProtocolWorker();
  await connection.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return figures;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lunas-bench-'));
  const db = MEMORY_ONLY ? undefined : join(dir, 'bench.db');
  const report: string[] = [`mode: ${db ? 'journal on disk (--db-filename)' : 'in memory'}; load average at start: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`];
  console.log(report[0]);
  const print = (line: string) => {
    report.push(line);
    console.log(line);
  };

  // 1. Server capacity.
  const server = await serverCapacity(db && join(dir, 'capacity.db'));
  print(`workflows/s, protocol-level worker (server capacity; one activity, ${CONCURRENCY} concurrent starters, ${WORKFLOWS} workflows): ${server.perSecond.toFixed(0)}`);
  print(`  start-to-complete latency: p50 ${server.p50} ms, p99 ${server.p99} ms; CPU per workflow: server ${server.serverCpuMs.toFixed(2)} ms, starters + protocol worker ${server.benchCpuMs.toFixed(2)} ms`);

  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  let { child } = await launch(port, db);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const serverPid = child.pid as number;

  // 2. End to end with the real SDK worker in its own process.
  const taskQueue = 'bench';
  const sdkWorker = await launchSdkWorker(address, taskQueue);
  const sdk = await throughput(client, taskQueue, serverPid, sdkWorker.pid);
  print(`workflows/s, SDK worker process${STOCK_VM ? ' (stock VM)' : ' (lean VM: no per-entry watchdog thread)'}: ${sdk.perSecond.toFixed(0)}`);
  print(`  start-to-complete latency: p50 ${sdk.p50} ms, p99 ${sdk.p99} ms; CPU per workflow: server ${sdk.serverCpuMs.toFixed(2)} ms, SDK worker ${sdk.workerCpuMs?.toFixed(2)} ms, starters ${sdk.benchCpuMs.toFixed(2)} ms`);

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

  sdkWorker.kill('SIGTERM');
  await new Promise((r) => sdkWorker.once('exit', r));
  await connection.close();

  if (db) {
    print(`journal size: ${(statSync(db).size / 1048576).toFixed(1)} MiB`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const restarted = await launch(port, db);
    child = restarted.child;
    print(`restart recovery (spawn to listening, kill -9 before): ${restarted.startupMs} ms; ${restarted.recoveryLog.replace(/^.*INFO /, '')}`);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
