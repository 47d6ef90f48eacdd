import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Client } from 'pg';
import { createDataSource, runMigrations, seedDatabase } from '@lunas/persistence';
import { insertInvoice, insertSubscription, type SubscriptionFixture, type TestDatabase } from '@lunas/persistence/testing';
import { eventually, freePort } from '@lunas/testing';
import { bearer, startTestApp, type TestApp } from './test-app';

const run = promisify(execFile);
/** Debian's PostgreSQL 15 (`postgresql-15`): its pg_dump/pg_restore, and a server of the same version to dump. */
const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;
/** As root, the server and its tools run as the `postgres` user (PostgreSQL refuses to run as root). */
const command = (binary: string, args: string[]) =>
  asRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...args] } : { file: path.join(PG_BIN, binary), args };
const pgTool = (binary: string, args: string[]) => {
  const { file, args: all } = command(binary, args);
  return run(file, all);
};

/** A throwaway PostgreSQL 15 server on a loopback port, user `lunas` trusted. */
class ScratchServer {
  private child?: ChildProcess;
  constructor(readonly dir: string, readonly port: number) {}

  url(database: string): string {
    return `postgres://lunas@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await pgTool('initdb', ['-D', path.join(this.dir, 'data'), '-U', 'lunas', '-A', 'trust', '-E', 'UTF8', '--no-instructions']);
    const { file, args } = command('postgres', ['-D', path.join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1']);
    this.child = spawn(file, args, { stdio: 'ignore' });
    await eventually(async () => {
      await pgTool('pg_isready', ['-h', '127.0.0.1', '-p', String(this.port)]);
    }, 30_000);
  }

  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await pgTool('pg_ctl', ['stop', '-m', 'fast', '-D', path.join(this.dir, 'data')]);
    await exited;
  }
}

/** A database of the scratch server as `startTestApp` serves it. */
async function testDatabase(server: ScratchServer, name: string): Promise<TestDatabase> {
  const url = server.url(name);
  const dataSource = await createDataSource(url, { poolSize: 5, applicationName: 'lunas-test', logging: false }).initialize();
  return { name, url, dataSource, destroy: async () => void (dataSource.isInitialized && (await dataSource.destroy())) };
}

// README "Backups and restore": a seeded, migrated Lunas database with a subscription and its invoice is dumped with
// pg_dump (custom format), restored with pg_restore into a fresh database, and the API serves it unchanged.
describe('backup and restore of Lunas\'s database', () => {
  let server: ScratchServer;
  let dir: string;
  let source: TestApp;
  let restored: TestApp;
  let f: SubscriptionFixture;
  let invoiceId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lunas-backup-'));
    if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
    server = new ScratchServer(dir, await freePort());
    await server.start();
    await server.createDatabase('lunas');
    const database = await testDatabase(server, 'lunas');
    await runMigrations(database.dataSource);
    await seedDatabase(database.dataSource);
    f = await insertSubscription(database.dataSource.manager);
    invoiceId = (await insertInvoice(database.dataSource.manager, f, '2031-03', { number: 'INV/2031/000042' })).id;
    source = await startTestApp({ database });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await restored?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the same subscription and invoice from a database restored from the dump', async () => {
    const dump = path.join(dir, 'lunas.dump');
    await pgTool('pg_dump', ['-Fc', '-f', dump, `--dbname=${server.url('lunas')}`]);
    await server.createDatabase('lunas_restored');
    await pgTool('pg_restore', ['--no-owner', `--dbname=${server.url('lunas_restored')}`, dump]);
    restored = await startTestApp({ database: await testDatabase(server, 'lunas_restored') });

    const read = async (t: TestApp, route: string) => {
      const auth = await bearer(t, 'superadmin', 'Admin123!');
      return (await request(t.app.getHttpServer()).get(route).set('Authorization', auth).expect(200)).body as Record<string, unknown>;
    };
    for (const route of [`/api/v1/subscriptions/${f.subscription.id}`, `/api/v1/invoices/${invoiceId}`]) {
      const before = await read(source, route);
      expect(JSON.stringify(before)).toContain(`"id":"${route.split('/').pop()}"`);
      expect(await read(restored, route)).toEqual(before);
    }
    expect(JSON.stringify(await read(restored, `/api/v1/invoices/${invoiceId}`))).toContain('"number":"INV/2031/000042"');
  }, 120_000);
});
