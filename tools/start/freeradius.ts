import * as path from 'node:path';
import { FREERADIUS_BINARY, freeRadiusEnvironment, freeRadiusInstalled, prepareFreeRadiusConfig, type FreeRadiusSettings } from '@lunas/network';
import { LAB_NAS } from '@lunas/persistence';

/** Loopback ports of the local FreeRADIUS (`LUNAS_RADIUS_AUTH_PORT` / `LUNAS_RADIUS_ACCT_PORT`): clear of 1812/1813. */
const DEFAULT_AUTH_PORT = 11812;

/** How `npm start` runs FreeRADIUS: the command for the supervisor and the environment the lab NAS needs. */
export interface LocalFreeRadius {
  command: string;
  args: string[];
  env: Record<string, string>;
  settings: FreeRadiusSettings;
}

/**
 * When Debian's `freeradius` is installed: a configuration generated from `deploy/freeradius` in `dataDir/freeradius`
 * (loopback, on the same database), else undefined.
 */
export async function localFreeRadius(rootDir: string, dataDir: string, databaseUrl: string, env: NodeJS.ProcessEnv): Promise<LocalFreeRadius | undefined> {
  if (!freeRadiusInstalled()) return undefined;
  const authPort = Number(env['LUNAS_RADIUS_AUTH_PORT'] ?? DEFAULT_AUTH_PORT);
  const settings: FreeRadiusSettings = { listenAddress: '127.0.0.1', authPort, acctPort: Number(env['LUNAS_RADIUS_ACCT_PORT'] ?? authPort + 1), databaseUrl, loopbackSecret: LAB_NAS.secret };
  const dir = path.join(dataDir, 'freeradius');
  await prepareFreeRadiusConfig(dir, path.join(rootDir, 'deploy/freeradius'));
  return { command: FREERADIUS_BINARY, args: ['-f', '-l', 'stdout', '-d', dir], env: freeRadiusEnvironment(settings), settings };
}
