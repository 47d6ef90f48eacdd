/**
 * `lunas-temporal` command line. Two forms, matching what `@temporalio/testing` spawns:
 *   lunas-temporal server start-dev [--port P] [--ip IP] [--namespace NS]… [--db-filename FILE]
 *       [--log-level L] [--log-format F] [--dynamic-config-value K=V]… [--ui-port U (default P+1000) | --headless]
 *       [--search-attribute KEY=TYPE]…
 *   lunas-temporal PORT [args]            (test server: time skipping + TestService)
 * Unknown flags produce a warning, never a failure.
 */
import { LogLevel, parseLogLevel } from './logger';
import { DEFAULT_IP, DEFAULT_PORT, DevServerOptions, startDevServer } from './server';

/** `temporal server start-dev` serves its Web UI on the gRPC port + 1000 (7233 → 8233). */
const UI_PORT_OFFSET = 1000;

export interface ParsedArgs {
  options: DevServerOptions;
  warnings: string[];
}

const VALUE_FLAGS = new Set([
  'port', 'p', 'ip', 'namespace', 'n', 'db-filename', 'f', 'log-level', 'log-format', 'dynamic-config-value',
  'ui-port', 'search-attribute', 'ui-ip', 'ui-asset-path', 'ui-codec-endpoint', 'config', 'env', 'sqlite-pragma',
  'metrics-port', 'http-port',
]);
const KNOWN_IGNORED = new Set(['dynamic-config-value', 'ui-ip', 'ui-asset-path', 'ui-codec-endpoint', 'config', 'env', 'sqlite-pragma', 'metrics-port', 'http-port']);

export function parseArgs(argv: string[]): ParsedArgs {
  const warnings: string[] = [];
  const options: DevServerOptions = { namespaces: [], searchAttributes: {} };
  let rest: string[];
  let headless = false;
  const startDev = argv[0] === 'server' && argv[1] === 'start-dev';
  if (startDev) {
    rest = argv.slice(2);
  } else if (argv[0] !== undefined && /^\d+$/.test(argv[0])) {
    options.port = Number(argv[0]);
    options.timeSkipping = true;
    rest = argv.slice(1);
  } else {
    rest = argv;
    if (argv.length) warnings.push(`unrecognised command "${argv.slice(0, 2).join(' ')}", starting the dev server`);
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-')) {
      warnings.push(`ignoring argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.replace(/^--?/, '').split('=')[0];
    const takesValue = VALUE_FLAGS.has(name) || (eq < 0 && rest[i + 1] !== undefined && !rest[i + 1].startsWith('-') && !['headless'].includes(name));
    const value = eq >= 0 ? arg.slice(eq + 1) : takesValue ? rest[++i] : undefined;
    switch (name) {
      case 'port':
      case 'p':
        options.port = Number(value);
        break;
      case 'ip':
        options.ip = value;
        break;
      case 'namespace':
      case 'n':
        if (value) options.namespaces?.push(value);
        break;
      case 'db-filename':
      case 'f':
        options.dbFilename = value;
        break;
      case 'log-level':
        options.logLevel = parseLogLevel(value) as LogLevel;
        break;
      case 'log-format':
        options.logFormat = value === 'json' ? 'json' : 'pretty';
        break;
      case 'ui-port':
        options.uiPort = Number(value);
        break;
      case 'headless':
        headless = true;
        break;
      case 'search-attribute': {
        const [key, type] = (value ?? '').split('=');
        if (key && type) (options.searchAttributes as Record<string, string>)[key] = type;
        else warnings.push(`ignoring malformed --search-attribute "${value}"`);
        break;
      }
      default:
        if (!KNOWN_IGNORED.has(name)) warnings.push(`ignoring unknown flag --${name}`);
    }
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)) {
    warnings.push(`invalid port, using the default`);
    options.port = undefined;
  }
  if (options.uiPort !== undefined && !(Number.isInteger(options.uiPort) && options.uiPort >= 0 && options.uiPort < 65536)) {
    warnings.push(`invalid UI port, using the default`);
    options.uiPort = undefined;
  }
  if (headless) options.uiPort = undefined;
  else if (startDev && options.uiPort === undefined) options.uiPort = defaultUiPort(options.port ?? DEFAULT_PORT);
  return { options, warnings };
}

/** Web UI port when `--ui-port` is not given: the gRPC port + 1000, as `temporal server start-dev` (0 stays 0). */
export function defaultUiPort(port: number): number {
  return port === 0 ? 0 : Math.min(port + UI_PORT_OFFSET, 65535);
}

export async function main(argv: string[]): Promise<void> {
  const { options, warnings } = parseArgs(argv);
  for (const warning of warnings) process.stderr.write(`lunas-temporal: warning: ${warning}\n`);
  process.on('uncaughtException', (error) => process.stderr.write(`lunas-temporal: unexpected error: ${error.stack ?? error}\n`));
  process.on('unhandledRejection', (error) => process.stderr.write(`lunas-temporal: unexpected rejection: ${String(error)}\n`));
  const server = await startDevServer(options);
  const mode = options.timeSkipping ? 'test server (time skipping)' : 'dev server';
  process.stdout.write(`Lunas Temporal ${mode} listening on ${server.address}${options.dbFilename ? ` (db ${options.dbFilename})` : ''}\n`);
  if (server.uiPort !== undefined) process.stdout.write(`Temporal Web UI on http://${uiHost(options.ip ?? DEFAULT_IP)}:${server.uiPort}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Host for a browser URL: the wildcard addresses are reached through localhost; IPv6 in brackets. */
function uiHost(ip: string): string {
  if (ip === '0.0.0.0' || ip === '::') return 'localhost';
  return ip.includes(':') ? `[${ip}]` : ip;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`lunas-temporal: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
