import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { eventually, freePort } from '@lunas/testing';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS } from '@lunas/contracts';

const ROOT = path.resolve(__dirname, '../..');

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** Runs the orchestrator exactly as `npm start` does after its (cached) builds. */
function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(ROOT, 'tools/start/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up within 180 s:\n${output}`)), 180_000);
    const check = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    }, 200);
    child.on('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was up:\n${output}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGINT');
  });
}

describe('npm start (tools/start)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lunas-start-'));
  // PostgreSQL runs as the `postgres` user when we are root: it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('brings the system up on embedded defaults, stops cleanly on Ctrl-C and keeps the data across a restart', async () => {
    const env = {
      LUNAS_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LUNAS_EMBEDDED_PG_PORT: String(await freePort()),
      LUNAS_EMBEDDED_TEMPORAL_PORT: String(await freePort()),
      LUNAS_SANDBOX_SMTP_PORT: String(await freePort()),
      LUNAS_SANDBOX_MAIL_PORT: String(await freePort()),
      LUNAS_SANDBOX_WHATSAPP_PORT: String(await freePort()),
    };
    const base = `http://127.0.0.1:${env.PORT}`;

    const first = await start(env);
    expect(first.output()).toContain(`console      http://localhost:${env.PORT}/`);
    expect(first.output()).toContain(`mail inbox   http://127.0.0.1:${env.LUNAS_SANDBOX_MAIL_PORT}/ (SMTP 127.0.0.1:${env.LUNAS_SANDBOX_SMTP_PORT})`);
    expect(await (await fetch(`http://127.0.0.1:${env.LUNAS_SANDBOX_MAIL_PORT}/`)).text()).toContain('Kotak masuk email (sandbox)');
    expect(first.output()).toContain(`WhatsApp     http://127.0.0.1:${env.LUNAS_SANDBOX_WHATSAPP_PORT}/ (sandbox`);
    expect(await (await fetch(`http://127.0.0.1:${env.LUNAS_SANDBOX_WHATSAPP_PORT}/`)).text()).toContain('WhatsApp sandbox');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { details: unknown }).details).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
    expect(await (await fetch(`${base}/langganan`)).text()).toContain('<title>Lunas</title>');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'superadmin', password: 'Admin123!' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const policies = await fetch(`${base}/api/v1/dunning-policies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ mode: 'next_cycle', policy: { ...(await currentPolicy(base, accessToken)), name: 'Dipertahankan' } }),
    });
    expect(policies.status).toBe(201);
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('[lunas] stopped');

    const second = await start(env);
    const again = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'superadmin', password: 'Admin123!' }),
    });
    const token = ((await again.json()) as { accessToken: string }).accessToken;
    const kept = await fetch(`${base}/api/v1/dunning-policies`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await kept.json()) as Array<{ body: { name: string } }>).some((p: { body: { name: string } }) => p.body.name === 'Dipertahankan')).toBe(true);
    expect(await stop(second)).toBe(0);
  });

  it('restarts a killed worker (logged) while PostgreSQL, Temporal and the API keep serving', async () => {
    const env = {
      LUNAS_DATA_DIR: path.join(dataDir, 'crash'),
      PORT: String(await freePort()),
      LUNAS_EMBEDDED_PG_PORT: String(await freePort()),
      LUNAS_EMBEDDED_TEMPORAL_PORT: String(await freePort()),
      LUNAS_SANDBOX_SMTP_PORT: String(await freePort()),
      LUNAS_SANDBOX_MAIL_PORT: String(await freePort()),
      LUNAS_SANDBOX_WHATSAPP_PORT: String(await freePort()),
    };
    const running = await start(env);
    const worker = descendants(running.child.pid ?? 0).find(({ args }) => args.includes('apps/worker/src/main.ts'));
    expect(worker).toBeDefined();
    process.kill(worker?.pid ?? 0, 'SIGKILL');

    await eventually(() => running.output().includes('worker stopped unexpectedly (SIGKILL); restarting in 1 s (restart 1 in a row)'), 30_000);
    await eventually(() => descendants(running.child.pid ?? 0).some(({ pid, args }) => args.includes('apps/worker/src/main.ts') && pid !== worker?.pid), 30_000);
    expect(running.child.exitCode).toBeNull();
    expect(running.output()).not.toContain('stopping');
    const health = await fetch(`http://127.0.0.1:${env.PORT}/health`);
    expect(health.status).toBe(200);
    expect(await stop(running)).toBe(0);
  });

  it('registers the same search attributes docker-compose registers', () => {
    const file = readFileSync(path.join(ROOT, 'temporal/search-attributes.txt'), 'utf8').split(/\s+/).filter(Boolean);
    const fromContracts = LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => `${name}=${type}`.toLowerCase());
    expect(file.map((line) => line.toLowerCase())).toEqual(fromContracts);
  });
});

/** Every process below `root` (pid and command line), from `ps`. */
function descendants(root: number): Array<{ pid: number; args: string }> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).trim().split('\n').map((line) => {
    const [, pid, ppid, args] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
    return { pid: Number(pid), ppid: Number(ppid), args: args ?? '' };
  });
  const found: Array<{ pid: number; args: string }> = [];
  const walk = (parent: number) => rows.filter((row) => row.ppid === parent).forEach((row) => { found.push(row); walk(row.pid); });
  walk(root);
  return found;
}

async function currentPolicy(base: string, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/api/v1/dunning-policies`, { headers: { authorization: `Bearer ${token}` } });
  const versions = (await response.json()) as Array<{ active: boolean; body: Record<string, unknown> }>;
  return versions.find((p) => p.active)?.body ?? {};
}
