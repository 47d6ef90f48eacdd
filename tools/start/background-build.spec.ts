import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { eventually } from '@lunas/testing';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startBackgroundBuild } from './background-build';

describe(startBackgroundBuild.name, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lunas-background-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const build = (script: string, lines: string[]) =>
    startBackgroundBuild({
      command: process.execPath, args: ['-e', script], cwd: dir, logFile: path.join(dir, 'build.log'), log: (line) => lines.push(line), what: 'Web UI',
    });

  it('returns at once, keeps the output in its log file and logs when the build is ready', async () => {
    const lines: string[] = [];
    build(`console.log('vite built'); setTimeout(() => {}, 300)`, lines);
    expect(lines).toEqual([]);
    await eventually(() => lines.length > 0, 10_000);
    expect(lines).toEqual(['Web UI is ready']);
    expect(readFileSync(path.join(dir, 'build.log'), 'utf8')).toBe('vite built\n');
  });

  it('logs a failed build with its exit code and where its output is', async () => {
    const lines: string[] = [];
    build('process.exit(2)', lines);
    await eventually(() => lines.length > 0, 10_000);
    expect(lines).toEqual([`Web UI failed (exit code 2); see ${path.join(dir, 'build.log')}`]);
  });

  it('stop ends the build and the processes it started', async () => {
    const lines: string[] = [];
    const pidFile = path.join(dir, 'grandchild.pid');
    const running = build(
      `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });` +
        `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000)`,
      lines,
    );
    await eventually(() => { try { return readFileSync(pidFile, 'utf8').length > 0; } catch { return false; } }, 10_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    running.stop();
    await eventually(() => { try { process.kill(grandchild, 0); return false; } catch { return true; } }, 10_000);
    expect(lines).toEqual([]); // stopped on purpose: no failure reported
  });
});
