/**
 * The benchmark's SDK worker, in its own process like a production worker:
 * `node -r @swc-node/register [-r apps/worker/src/temporal/lean-vm.preload.ts] bench/devserver/sdk-worker.ts <address> <task queue>`.
 * Prints `ready` once polling; SIGTERM shuts it down gracefully.
 */
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from './activities';

async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities, maxCachedWorkflows: 2000 });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
}

main().catch((error) => {
  process.stderr.write(`sdk worker: ${error?.stack ?? error}\n`);
  process.exit(1);
});
