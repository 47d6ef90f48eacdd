/**
 * The benchmark's stand-in for the subscription worker, in its own process like a production worker, so that its
 * workflow activations do not share the load generator's event loop (they would delay the timing of answers):
 * `node -r @swc-node/register bench/webhooks/recorder-worker.ts <address> <task queue>`.
 * Prints `ready` once polling; SIGTERM shuts it down gracefully.
 */
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';

async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./recorder.workflow'),
    logger: new DefaultLogger('ERROR'),
    ...workflowBundlerOptions,
  });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
}

main().catch((error) => {
  process.stderr.write(`recorder worker: ${error?.stack ?? error}\n`);
  process.exit(1);
});
