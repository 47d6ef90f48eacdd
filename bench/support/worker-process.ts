import { NativeConnection } from '@temporalio/worker';

/** What a benchmark's worker process runs: one SDK `Worker`, or several run together (`QueueWorkers`). */
export interface RunnableWorker {
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * Runs a benchmark's Temporal worker as the body of its own process: connects, prints `ready` once polling (the
 * parent waits for that line), shuts down gracefully on SIGTERM, and exits non-zero with the error if it fails.
 */
export function serveWorker(name: string, address: string, create: (connection: NativeConnection) => Promise<RunnableWorker>): void {
  const run = async () => {
    const connection = await NativeConnection.connect({ address });
    const worker = await create(connection);
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
