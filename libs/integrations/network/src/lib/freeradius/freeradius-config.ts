import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Debian's stock configuration (package `freeradius`). */
export const STOCK_FREERADIUS_DIR = '/etc/freeradius/3.0';
export const FREERADIUS_BINARY = '/usr/sbin/freeradius';

/** Where FreeRADIUS listens and which database it reads: the values of the template's `$ENV{…}` placeholders. */
export interface FreeRadiusSettings {
  listenAddress: string;
  authPort: number;
  acctPort: number;
  /** Lunas's database, e.g. `postgres://lunas:secret@127.0.0.1:54329/lunas` (or `?host=/socket/dir`). */
  databaseUrl: string;
  loopbackSecret: string;
}

/** True when Debian's `freeradius` (with the PostgreSQL driver) is installed. */
export function freeRadiusInstalled(): boolean {
  return existsSync(FREERADIUS_BINARY) && existsSync(STOCK_FREERADIUS_DIR) && existsSync('/usr/lib/freeradius/rlm_sql_postgresql.so');
}

/**
 * Builds a throwaway FreeRADIUS configuration in `dir`: the stock one without EAP and the default / inner-tunnel
 * servers (they need certificates and serve nothing here), with logs and the pid file inside `dir`, running as the
 * current user, plus Lunas's template (`deploy/freeradius`). `templateDir` is that folder.
 */
export async function prepareFreeRadiusConfig(dir: string, templateDir: string, stockDir = STOCK_FREERADIUS_DIR): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await cp(stockDir, dir, { recursive: true, verbatimSymlinks: true });
  for (const unused of ['mods-enabled/eap', 'sites-enabled/default', 'sites-enabled/inner-tunnel']) await rm(path.join(dir, unused), { force: true });
  await cp(templateDir, dir, { recursive: true, filter: (source) => !source.endsWith('.md') });
  const radiusd = path.join(dir, 'radiusd.conf');
  const conf = (await readFile(radiusd, 'utf8'))
    .replace(/^(\s*)(user|group)\s*=.*$/gm, '$1# $2: the current user')
    .replace(/^logdir = .*$/m, `logdir = ${dir}/log`)
    .replace(/^run_dir = .*$/m, `run_dir = ${dir}/run`);
  await writeFile(radiusd, conf);
}

/** The environment the template reads (`$ENV{…}`). */
export function freeRadiusEnvironment(settings: FreeRadiusSettings): Record<string, string> {
  const url = new URL(settings.databaseUrl);
  const socketDir = url.searchParams.get('host');
  return {
    LUNAS_RADIUS_LISTEN_ADDRESS: settings.listenAddress,
    LUNAS_RADIUS_AUTH_PORT: String(settings.authPort),
    LUNAS_RADIUS_ACCT_PORT: String(settings.acctPort),
    LUNAS_RADIUS_DB_HOST: socketDir ?? url.hostname,
    LUNAS_RADIUS_DB_PORT: url.port || '5432',
    LUNAS_RADIUS_DB_USER: decodeURIComponent(url.username),
    LUNAS_RADIUS_DB_PASSWORD: decodeURIComponent(url.password),
    LUNAS_RADIUS_DB_NAME: decodeURIComponent(url.pathname.slice(1)),
    LUNAS_RADIUS_LOOPBACK_SECRET: settings.loopbackSecret,
  };
}
