import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The account PostgreSQL runs as when Lunas is started as root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Ids of the `postgres` user, created (as a system user without a home) if it does not exist. */
export function postgresUser(): RunAs {
  const existing = userIds('postgres');
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = userIds('postgres');
  if (!created) throw new Error('Embedded PostgreSQL could not create the postgres user to run as (PostgreSQL refuses to run as root)');
  return created;
}

function userIds(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Whether `runAs` may search (enter) every folder on the way to `target` and `target` itself. */
export function canEnter(runAs: RunAs, target: string): boolean {
  try {
    execFileSync('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The PostgreSQL binaries (`bin`, `lib`, `share` of the platform package) at a path the `postgres` user can
 * execute: in place when it can, else a copy under `relocationDir` made once per version (a clone under a
 * 0700 folder such as `/root/lunas` is closed to every other user).
 */
export async function reachableBinaries(runAs: RunAs, nativeDir: string, version: string, relocationDir: string): Promise<string> {
  if (canEnter(runAs, path.join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  await prepareRelocationDir(runAs, relocationDir);
  const copy = path.join(relocationDir, `postgresql-${version}`);
  if (existsSync(path.join(copy, 'bin', 'postgres'))) return copy;
  const partial = `${copy}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(copy)) throw error; // otherwise a concurrent start placed the same copy first
  });
  return copy;
}

/**
 * The cluster folder the `postgres` user owns: `dataDir` when that user can reach its parent, else a folder under
 * `relocationDir` named after `dataDir` (the same one on every start, so the data survives restarts).
 */
export async function reachableDataDir(runAs: RunAs, dataDir: string, relocationDir: string): Promise<string> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  let clusterDir = dataDir;
  if (!canEnter(runAs, path.dirname(dataDir))) {
    await prepareRelocationDir(runAs, relocationDir);
    clusterDir = path.join(relocationDir, `data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`);
  }
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  await chown(clusterDir, runAs.uid, runAs.gid);
  return clusterDir;
}

async function prepareRelocationDir(runAs: RunAs, relocationDir: string): Promise<void> {
  await mkdir(relocationDir, { recursive: true, mode: 0o755 });
  if (!canEnter(runAs, relocationDir)) {
    throw new Error(
      `Embedded PostgreSQL runs as the postgres user, which cannot enter ${relocationDir}: ` +
        'choose a relocation folder on a path every user may enter, or set DATABASE_URL',
    );
  }
}
