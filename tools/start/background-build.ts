import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

export interface BackgroundBuild {
  /** Ends the build (its whole process group) if it is still running. */
  stop(): void;
}

export interface BackgroundBuildOptions {
  command: string;
  args: string[];
  cwd: string;
  /** The build's output goes here, not to the terminal. */
  logFile: string;
  log: (line: string) => void;
  /** What is being built, for the log lines. */
  what: string;
}

/**
 * Runs a slow build (the Temporal Web UI's, ~3.5 min on 2 cores) in the background, off the critical path of
 * `npm start`: the system is usable meanwhile, and the build's result is logged when it ends.
 */
export function startBackgroundBuild(options: BackgroundBuildOptions): BackgroundBuild {
  const output = openSync(options.logFile, 'w');
  // Its own process group, so that stop() also ends the tools the build runs (nx → npm → vite).
  const child = spawn(options.command, options.args, { cwd: options.cwd, detached: true, stdio: ['ignore', output, output] });
  let running = true;
  child.once('error', (error) => {
    running = false;
    options.log(`${options.what} could not start: ${error.message}`);
  });
  child.once('exit', (code, signal) => {
    running = false;
    if (code === 0) options.log(`${options.what} is ready`);
    else if (!signal) options.log(`${options.what} failed (exit code ${code}); see ${options.logFile}`);
  });
  return {
    stop: () => {
      if (running && child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
