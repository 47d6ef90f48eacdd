import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { eventually } from '@lunas/testing';
import { Supervisor, type ChildSpec } from './supervisor';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real Node child that records each start (epoch ms) in `file`, then runs `script`. */
function child(name: string, file: string, script: string): ChildSpec {
  return { name, command: process.execPath, args: ['-e', `require('fs').appendFileSync(${JSON.stringify(file)}, Date.now() + '\\n'); ${script}`], env: {} };
}

function startsIn(file: string): number[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe(Supervisor.name, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lunas-supervisor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let supervisor: Supervisor;
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    supervisor = new Supervisor({ baseDelayMs: 100, maxDelayMs: 400, stableAfterMs: 60_000, stopTimeoutMs: 2_000, stdio: 'pipe', log: (line) => lines.push(line) });
  });
  afterEach(() => supervisor.stop());

  describe('start', () => {
    it('restarts a child that keeps crashing, with a doubling delay up to the cap, and logs each restart', async () => {
      const file = path.join(dir, 'crashing');
      supervisor.start(child('worker', file, 'process.exit(3)'));
      await eventually(() => startsIn(file).length >= 5, 10_000);
      const starts = startsIn(file);
      const gaps = starts.slice(1).map((at, i) => at - starts[i]);
      // Delays 100, 200, 400, 400 ms (plus Node's start-up time each): lower bounds only, a loaded machine is slower.
      expect(gaps[0]).toBeGreaterThanOrEqual(100);
      expect(gaps[1]).toBeGreaterThanOrEqual(200);
      expect(gaps[2]).toBeGreaterThanOrEqual(400);
      expect(gaps[3]).toBeGreaterThanOrEqual(400);
      // The cap shows in the delay the supervisor chose, not in wall time.
      expect(lines.slice(0, 4)).toEqual([
        'worker stopped unexpectedly (exit code 3); restarting in 0.1 s (restart 1 in a row)',
        'worker stopped unexpectedly (exit code 3); restarting in 0.2 s (restart 2 in a row)',
        'worker stopped unexpectedly (exit code 3); restarting in 0.4 s (restart 3 in a row)',
        'worker stopped unexpectedly (exit code 3); restarting in 0.4 s (restart 4 in a row)',
      ]);
    });

    it('restarts a killed child and leaves the other children running', async () => {
      const workerFile = path.join(dir, 'killed');
      const apiFile = path.join(dir, 'bystander');
      const worker = supervisor.start(child('worker', workerFile, 'setInterval(() => {}, 1000)'));
      const api = supervisor.start(child('API', apiFile, 'setInterval(() => {}, 1000)'));
      await eventually(() => startsIn(workerFile).length === 1 && startsIn(apiFile).length === 1, 10_000);
      worker.kill('SIGKILL');
      await eventually(() => startsIn(workerFile).length === 2, 10_000);
      expect(lines).toEqual(['worker stopped unexpectedly (SIGKILL); restarting in 0.1 s (restart 1 in a row)']);
      expect(supervisor.processOf('worker')?.pid).not.toBe(worker.pid);
      expect(api.exitCode).toBeNull();
      expect(startsIn(apiFile)).toHaveLength(1);
    });
  });

  describe('stop', () => {
    it('terminates every child and restarts none, also one waiting for its restart', async () => {
      const runningFile = path.join(dir, 'running');
      const crashingFile = path.join(dir, 'crashing-at-stop');
      const running = supervisor.start(child('API', runningFile, 'setInterval(() => {}, 1000)'));
      const crashing = new Supervisor({ baseDelayMs: 300, stdio: 'pipe', log: () => undefined });
      crashing.start(child('worker', crashingFile, 'process.exit(1)'));
      await eventually(() => startsIn(runningFile).length === 1 && startsIn(crashingFile).length === 1, 10_000, 20);
      await sleep(100);
      await Promise.all([supervisor.stop(), crashing.stop()]);
      expect(running.signalCode).toBe('SIGTERM');
      await sleep(600);
      expect(startsIn(runningFile)).toHaveLength(1);
      expect(startsIn(crashingFile)).toHaveLength(1);
    });
  });
});
