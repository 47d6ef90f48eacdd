/**
 * The benchmark's SDK worker, in its own process like a production worker:
 * `node -r @swc-node/register [-r apps/worker/src/temporal/lean-vm.preload.ts] bench/devserver/sdk-worker.ts <address> <task queue>`.
 * Prints `ready` once polling; SIGTERM shuts it down gracefully.
 */
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { serveWorker } from '../support/worker-process';
import * as activities from './activities';

const [address, taskQueue] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
serveWorker('sdk worker', address, async (connection) => Worker.create({
  connection,
  taskQueue,
  activities,
  maxCachedWorkflows: 2000,
  workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('ERROR') }),
}));
