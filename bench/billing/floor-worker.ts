/**
 * The billing floor's worker, in its own process like the real worker app and with its settings (`loadConfig`: task
 * queue, sticky cache, workflow threads; the lean VM preload when the benchmark passes it):
 * `node -r @swc-node/register [-r …/lean-vm.preload.ts] bench/billing/floor-worker.ts <workflow bundle path>`.
 * Its activities return at once and only note when each phase's item ran; the benchmark asks for those notes over
 * the IPC channel (any message is answered with the current `FloorTimeline`). Prints `ready` once polling.
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { loadConfig } from '@lunas/config';
import { BILLING_TASK_QUEUE, MESSAGING_TASK_QUEUE } from '@lunas/contracts';
import { QueueWorkers } from '../../apps/worker/src/temporal/queue-workers';
import { serveWorker } from '../support/worker-process';
import type { FloorActivities } from './floor.workflow';

export type FloorPhase = 'issue' | 'notice' | 'pay' | 'nextIssue';
/** Per phase: how many items ran and when the first and last did (epoch ms). */
export type FloorTimeline = Partial<Record<FloorPhase, { count: number; first: number; last: number }>>;

const timeline: FloorTimeline = {};
function note(phase: FloorPhase): void {
  const now = Date.now();
  const entry = timeline[phase];
  if (!entry) timeline[phase] = { count: 1, first: now, last: now };
  else {
    entry.count += 1;
    entry.last = now;
  }
}

const activities: FloorActivities = {
  issueInvoice: async (cycle) => {
    note(cycle === 0 ? 'issue' : 'nextIssue');
    return { invoiceId: `floor-${cycle}` };
  },
  notify: async (template) => note(template === 'invoice_issued' ? 'notice' : 'pay'),
  applyPayment: async () => undefined,
};

process.on('message', () => process.send?.(timeline));

const [bundlePath] = process.argv.slice(2);
const { temporal } = loadConfig(process.env);
Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'WARN' }) } } });
// Like the real worker: one worker per queue the cycle uses (billing hosts the workflow, messaging runs `notify`).
serveWorker('floor worker', temporal.address, (connection) =>
  QueueWorkers.create({
    connection,
    namespace: temporal.namespace,
    queues: [BILLING_TASK_QUEUE, MESSAGING_TASK_QUEUE],
    activities,
    workflows: { maxCachedWorkflows: temporal.maxCachedWorkflows, workflowThreadPoolSize: temporal.workflowThreads, workflowBundle: { codePath: bundlePath } },
  }),
);
