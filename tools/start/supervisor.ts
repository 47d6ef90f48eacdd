import { ChildProcess, spawn } from 'node:child_process';

/** One process the supervisor keeps running. */
export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface SupervisorOptions {
  /** First restart delay; doubles per crash in a row up to `maxDelayMs`. Default 1 s. */
  readonly baseDelayMs: number;
  /** Longest restart delay. Default 30 s: a child that cannot start costs a line per 30 s, not a busy loop. */
  readonly maxDelayMs: number;
  /** A child that ran this long before it stopped counts as healthy: its next restart waits `baseDelayMs` again. Default 60 s. */
  readonly stableAfterMs: number;
  /** How long `stop` waits for a child after SIGTERM before SIGKILL. Default 15 s (the API and worker drain in-flight work). */
  readonly stopTimeoutMs: number;
  readonly log: (line: string) => void;
  /** Where the children's stdout/stderr go. Default: this process's. */
  readonly stdio: 'inherit' | 'pipe';
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  stopTimeoutMs: 15_000,
  log: (line) => process.stdout.write(`[lunas] ${line}\n`),
  stdio: 'inherit',
};

interface Supervised {
  readonly spec: ChildSpec;
  process: ChildProcess;
  startedAt: number;
  /** Crashes in a row (reset once the child has run `stableAfterMs`). */
  crashes: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Keeps the children of `npm start` running: a child that exits on its own (crashed, killed) is logged and
 * restarted after a backoff; only {@link stop} (Ctrl-C) stops them, in reverse start order.
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private stopping = false;
  private readonly options: SupervisorOptions;

  constructor(options: Partial<SupervisorOptions> = {}) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...options };
  }

  /** Starts a child and keeps it running until {@link stop}; returns its current process (tests read its pid). */
  start(spec: ChildSpec): ChildProcess {
    const child: Supervised = { spec, process: this.spawn(spec), startedAt: Date.now(), crashes: 0 };
    this.children.push(child);
    this.watch(child);
    return child.process;
  }

  /** The current process of the child named `name`. */
  processOf(name: string): ChildProcess | undefined {
    return this.children.find((child) => child.spec.name === name)?.process;
  }

  /** Stops every child (latest first): SIGTERM, SIGKILL after `stopTimeoutMs`. No restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) {
      clearTimeout(child.restartTimer);
      await this.terminate(child.process);
    }
  }

  private spawn(spec: ChildSpec): ChildProcess {
    return spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', this.options.stdio, this.options.stdio] });
  }

  private watch(child: Supervised): void {
    child.process.on('error', (error) => this.options.log(`${child.spec.name} could not be started or signalled: ${error.message}`));
    child.process.once('exit', (code, signal) => {
      if (this.stopping) return;
      child.crashes = Date.now() - child.startedAt >= this.options.stableAfterMs ? 1 : child.crashes + 1;
      const delay = Math.min(this.options.baseDelayMs * 2 ** (child.crashes - 1), this.options.maxDelayMs);
      this.options.log(`${child.spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting in ${delay / 1000} s (restart ${child.crashes} in a row)`);
      child.restartTimer = setTimeout(() => {
        if (this.stopping) return;
        child.process = this.spawn(child.spec);
        child.startedAt = Date.now();
        this.watch(child);
      }, delay);
    });
  }

  private terminate(process: ChildProcess): Promise<void> {
    if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => process.kill('SIGKILL'), this.options.stopTimeoutMs);
      process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      process.kill('SIGTERM');
    });
  }
}
