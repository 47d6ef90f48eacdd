import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const READY_LINE = 'Worker polling task queue';

/** An SDK log line of the worker (`LOG_LEVEL=debug`) about one activity attempt. */
interface ActivityLogLine {
  msg?: string;
  component?: string;
  taskToken?: string;
  activityType?: string;
}

/**
 * The real worker app (`apps/worker/src/main.ts`) as a child process, the way `npm start` runs it; `kill()` is
 * `kill -9`: no graceful shutdown, in-flight activities are abandoned mid-way. With `LOG_LEVEL=debug` it follows the
 * SDK's "Activity started" / "Activity completed" lines, so that {@link activitiesInFlight} names the activity types
 * (regular and local) the worker is running right now.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  private readonly running = new Map<string, string>();
  starts = 0;
  /** Activity attempts (regular and local) this worker began, over all its starts. */
  activitiesStarted = 0;

  constructor(private readonly env: Record<string, string>) {}

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the worker and resolves once it polls the task queue. */
  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.running.clear();
    child.stdout?.on('data', this.lineReader());
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not polling after ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData).resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${signal ?? code}) before polling:\n${output.slice(-2000)}`));
      });
    });
    child.removeAllListeners('exit');
  }

  /** Activity types the worker is executing now (started and neither completed nor failed), local ones included. */
  activitiesInFlight(): string[] {
    return [...this.running.values()];
  }

  private lineReader(): (chunk: Buffer) => void {
    let pending = '';
    return (chunk) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as ActivityLogLine;
        if (entry.component !== 'temporal-sdk' || !entry.taskToken || !entry.activityType) continue;
        if (entry.msg === 'Activity started') {
          this.running.set(entry.taskToken, entry.activityType);
          this.activitiesStarted += 1;
        }
        else this.running.delete(entry.taskToken);
      }
    };
  }

  /** `kill -9` and wait for the process to be gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM (graceful drain) and wait. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
