import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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

describe(findWorkspaceRoot.name, () => {
  it('finds the folder holding nx.json', async () => {
    expect((await stat(path.join(root, 'nx.json'))).isFile()).toBe(true);
    expect(root).toBe(path.resolve(__dirname, '../../..'));
  });
});
