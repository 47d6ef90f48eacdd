import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';

/**
 * Runs a benchmark's Temporal worker as the body of its own process: connects, prints `ready` once polling (the
 * parent waits for that line), shuts down gracefully on SIGTERM, and exits non-zero with the error if it fails.
 */
export function serveWorker(name: string, address: string, options: () => Promise<Omit<WorkerOptions, 'connection'>>): void {
  const run = async () => {
    const workerOptions = await options();
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({ connection, ...workerOptions });
    process.once('SIGTERM', () => worker.shutdown());
    const running = worker.run();
    process.stdout.write('ready\n');
    await running;
    await connection.close();
  };
  run().catch((error) => {
    process.stderr.write(`${name}: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
