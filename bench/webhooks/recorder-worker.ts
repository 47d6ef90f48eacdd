/**
 * The benchmark's stand-in for the subscription worker, in its own process like a production worker, so that its
 * workflow activations do not share the load generator's event loop (they would delay the timing of answers):
 * `node -r @swc-node/register bench/webhooks/recorder-worker.ts <address> <task queue>`.
 * Prints `ready` once polling; SIGTERM shuts it down gracefully.
 */
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';
import { serveWorker } from '../support/worker-process';

const [address, taskQueue] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
serveWorker('recorder worker', address, async (connection) => Worker.create({
  connection,
  taskQueue,
  workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./recorder.workflow'), logger: new DefaultLogger('ERROR'), ...workflowBundlerOptions }),
}));
