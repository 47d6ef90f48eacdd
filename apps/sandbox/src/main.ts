/**
 * The sandbox process: the local stand-ins for outside systems (see ARCHITECTURE "Stand-ins"), started by
 * `npm start` beside the API and the worker, which reach them only through their production adapters and
 * addresses. SIGINT/SIGTERM stop them all.
 */
import { STAND_INS } from './stand-ins';
import type { RunningStandIn } from './stand-in';

async function main(): Promise<void> {
  const running: RunningStandIn[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(running.map((standIn) => standIn.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const standIn of STAND_INS) {
    const started = await standIn.start();
    running.push(started);
    process.stdout.write(`[sandbox] ${standIn.name}: ${started.addresses.join(', ')}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Sandbox failed: ${error.message}\n`);
  process.exit(1);
});
