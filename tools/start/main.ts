/**
 * `npm start`: the whole system on embedded defaults. Starts embedded PostgreSQL (unless
 * DATABASE_URL is set), migrates and seeds, starts the embedded Temporal dev server (unless
 * TEMPORAL_ADDRESS is set), the sandbox (local stand-ins: mail inbox, WhatsApp sandbox) that email and WhatsApp
 * go to unless SMTP_URL / WHATSAPP_SANDBOX_URL say otherwise, then the worker and the API (which serves the built console), prints the
 * URLs, restarts a child that crashes (with backoff) and stops everything cleanly only on Ctrl-C. Data lives
 * in `.data/` and survives restarts.
 */
import { ConfigError, loadConfig } from '@lunas/config';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@lunas/persistence';
import { prepareDatabase } from '../migrate/prepare-database';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { startBackgroundBuild, type BackgroundBuild } from './background-build';
import { localFreeRadius } from './freeradius';
import { Supervisor } from './supervisor';
import { waitForPort } from './wait-for-port';

const ROOT = path.resolve(__dirname, '../..');
const DATA_DIR = path.resolve(process.env['LUNAS_DATA_DIR'] ?? path.join(ROOT, '.data'));
const DEVSERVER_BIN = path.join(ROOT, 'temporal/devserver/bin/lunas-temporal');
const CONSOLE_DIST = path.join(ROOT, 'dist/apps/console/browser');
const TS_RUNNER = ['-r', '@swc-node/register'];
/** `npm start` passes this: the Temporal Web UI is built in the background once the system is up. */
const BUILD_TEMPORAL_UI = process.argv.includes('--build-temporal-ui');

const supervisor = new Supervisor({ log });
let postgres: EmbeddedPostgresHandle | undefined;
let temporalUiBuild: BackgroundBuild | undefined;
let stopping = false;

function log(line: string): void {
  process.stdout.write(`[lunas] ${line}\n`);
}

/** Reports why the system cannot run and stops whatever was started. */
function fail(line: string): void {
  process.stderr.write(`[lunas] ${line}\n`);
  void shutdown(1);
}

function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  supervisor.start({ name, command, args, env, cwd: ROOT });
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  temporalUiBuild?.stop();
  await supervisor.stop();
  await postgres?.stop().catch(() => undefined);
  log('stopped');
  process.exit(code);
}

/** Ctrl-C stops the processes in order: API and worker first, then Temporal, PostgreSQL last. */
function handleStopSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown(0));
  }
}

async function main(): Promise<void> {
  handleStopSignals();
  mkdirSync(DATA_DIR, { recursive: true });

  let databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    postgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'postgres'), port: Number(process.env['LUNAS_EMBEDDED_PG_PORT'] ?? 54329) });
    // The API and the worker run on this host: the Unix socket saves loopback TCP on every round trip.
    databaseUrl = postgres.socketUrl ?? postgres.url;
    const via = postgres.socketUrl ? '; API and worker through its Unix socket there' : '';
    log(`embedded PostgreSQL on ${postgres.url.replace(/:[^:@/]+@/, ':***@')} (data in ${postgres.dataDir}${via})`);
  }
  const embeddedTemporal = !process.env['TEMPORAL_ADDRESS'];
  const sandbox = sandboxPorts();
  const env: NodeJS.ProcessEnv = {
    SMTP_URL: `smtp://127.0.0.1:${sandbox.smtp}`,
    WHATSAPP_SANDBOX_URL: `http://127.0.0.1:${sandbox.whatsapp}`,
    ...process.env,
    ...sandbox.env,
    DATABASE_URL: databaseUrl,
    CONSOLE_DIST,
    SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.base.json'),
    ...(embeddedTemporal ? { TEMPORAL_ADDRESS: `127.0.0.1:${process.env['LUNAS_EMBEDDED_TEMPORAL_PORT'] ?? 7233}` } : {}),
  };
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }

  const prepared = await prepareDatabase(databaseUrl, config.encryptionKey);
  log(`database ready (${prepared.migrations.length} migrations applied, ${prepared.tenants} tenants seeded)`);

  let temporalUi: string | undefined;
  if (embeddedTemporal) {
    const [host, port] = config.temporal.address.split(':');
    const uiPort = Number(port) + 1000;
    mkdirSync(path.join(DATA_DIR, 'temporal'), { recursive: true });
    startChild('Temporal dev server', DEVSERVER_BIN, [
      'server', 'start-dev', '--ip', host, '--port', port, '--namespace', config.temporal.namespace,
      '--db-filename', path.join(DATA_DIR, 'temporal', 'lunas.db'), '--ui-port', String(uiPort), '--log-level', 'warn',
      ...searchAttributeServerArgs(),
    ], env);
    await waitForPort(host, Number(port), 10_000);
    temporalUi = `http://${host}:${uiPort}`;
    log(`Temporal dev server on ${config.temporal.address}`);
  }

  const freeRadius = await localFreeRadius(ROOT, DATA_DIR, databaseUrl, env);
  if (freeRadius) {
    mkdirSync(path.join(DATA_DIR, 'freeradius', 'run'), { recursive: true });
    mkdirSync(path.join(DATA_DIR, 'freeradius', 'log'), { recursive: true });
    startChild('FreeRADIUS', freeRadius.command, freeRadius.args, { ...env, ...freeRadius.env });
    Object.assign(env, freeRadius.env);
    log(`FreeRADIUS on 127.0.0.1:${freeRadius.settings.authPort} (auth) / ${freeRadius.settings.acctPort} (accounting)`);
  } else {
    log('FreeRADIUS: not installed, the lab NAS answers CoA only (apt-get install freeradius freeradius-postgresql to enable)');
  }

  startChild('sandbox', process.execPath, [...TS_RUNNER, path.join(ROOT, 'apps/sandbox/src/main.ts')], env);
  await waitForPort('127.0.0.1', sandbox.mailPage, 30_000);
  startChild('worker', process.execPath, [...TS_RUNNER, path.join(ROOT, 'apps/worker/src/main.ts')], env);
  startChild('API', process.execPath, [...TS_RUNNER, path.join(ROOT, 'apps/api/src/main.ts')], env);
  await waitForPort('127.0.0.1', config.port, 60_000);

  log('Lunas is up:');
  log(`  console      http://localhost:${config.port}/`);
  log(`  API docs     http://localhost:${config.port}/api/docs`);
  log(`  health       http://localhost:${config.port}/health`);
  log(`  Temporal     ${config.temporal.address}${temporalUi ? ` (Web UI ${temporalUi})` : ''}`);
  log(`  mail inbox   http://127.0.0.1:${sandbox.mailPage}/ (SMTP 127.0.0.1:${sandbox.smtp}${process.env['SMTP_URL'] ? '; email goes to SMTP_URL instead' : ''})`);
  log(`  WhatsApp     http://127.0.0.1:${sandbox.whatsapp}/ (sandbox${process.env['WHATSAPP_SANDBOX_URL'] ? '; WhatsApp goes to WHATSAPP_SANDBOX_URL instead' : ': customers\' chats; pair a real number with WHATSAPP_SANDBOX_URL= (empty)'})`);
  if (temporalUi && BUILD_TEMPORAL_UI) {
    const logFile = path.join(DATA_DIR, 'temporal-ui-build.log');
    log(`Temporal Web UI: building in the background (first time ≈ 4 min, then cached; log ${logFile}); its page says "sedang dibangun" until then`);
    temporalUiBuild = startBackgroundBuild({
      command: path.join(ROOT, 'node_modules/.bin/nx'), args: ['run', 'temporal-ui:build', '--outputStyle=static'],
      cwd: ROOT, logFile, log, what: 'Temporal Web UI',
    });
  }
  log('Press Ctrl-C to stop.');
}

/** Ports of the sandbox's stand-ins (`LUNAS_SANDBOX_*_PORT` override them), passed to the sandbox process. */
function sandboxPorts(): { smtp: number; mailPage: number; whatsapp: number; env: NodeJS.ProcessEnv } {
  const smtp = Number(process.env['LUNAS_SANDBOX_SMTP_PORT'] ?? 2525);
  const mailPage = Number(process.env['LUNAS_SANDBOX_MAIL_PORT'] ?? 3102);
  const whatsapp = Number(process.env['LUNAS_SANDBOX_WHATSAPP_PORT'] ?? 3103);
  return {
    smtp, mailPage, whatsapp,
    env: { LUNAS_SANDBOX_SMTP_PORT: String(smtp), LUNAS_SANDBOX_MAIL_PORT: String(mailPage), LUNAS_SANDBOX_WHATSAPP_PORT: String(whatsapp) },
  };
}

/**
 * A terminal's Ctrl-C signals the whole foreground process group at once, PostgreSQL included, which
 * would cut the API's and worker's connections mid-shutdown. So the system runs in its own process
 * group under this thin launcher, which turns Ctrl-C into one ordered shutdown.
 */
function launchSupervised(): void {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, LUNAS_SUPERVISED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (process.env['LUNAS_SUPERVISED'] === '1') {
  main().catch((error: Error) => {
    if (!stopping) fail(`start failed: ${error.message}`);
  });
} else {
  launchSupervised();
}
