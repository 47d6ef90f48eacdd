import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FREERADIUS_BINARY, freeRadiusEnvironment, prepareFreeRadiusConfig, type FreeRadiusSettings } from './freeradius-config';

export interface RunningFreeRadius {
  readonly settings: FreeRadiusSettings;
  /** Everything FreeRADIUS printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** FreeRADIUS prints this once every listener is open. */
const READY = 'Ready to process requests';

/**
 * Generates the configuration in `dir` and runs `freeradius -f` (foreground; `-X` when `debug`) until it says it is
 * ready; rejects with its output when it exits first or takes longer than `readyTimeoutMs`.
 */
export async function startFreeRadius(
  settings: FreeRadiusSettings,
  options: { dir: string; templateDir: string; debug?: boolean; readyTimeoutMs?: number },
): Promise<RunningFreeRadius> {
  await prepareFreeRadiusConfig(options.dir, options.templateDir);
  await mkdir(path.join(options.dir, 'run'), { recursive: true });
  await mkdir(path.join(options.dir, 'log'), { recursive: true });
  const child = spawn(FREERADIUS_BINARY, [options.debug ? '-X' : '-f', '-l', 'stdout', '-d', options.dir], {
    env: { ...process.env, ...freeRadiusEnvironment(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-64_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`FreeRADIUS was not ready after ${options.readyTimeoutMs ?? 15_000} ms:\n${output}`)), options.readyTimeoutMs ?? 15_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const exitedEarly = (code: number | null): void => fail(new Error(`FreeRADIUS exited with code ${code}:\n${output}`));
    child.once('exit', exitedEarly);
    const watch = (): void => {
      if (!output.includes(READY)) return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      resolve();
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
  });
  return { settings, output: () => output, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
