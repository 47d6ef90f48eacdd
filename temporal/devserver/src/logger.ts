/** Minimal leveled logger writing to stderr (text or JSON lines), as selected by `--log-level/--log-format`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'none';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, fatal: 50, none: 100 };

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(level: LogLevel = 'warn', format: 'pretty' | 'json' = 'pretty'): Logger {
  const threshold = RANK[level] ?? RANK.warn;
  const write = (lvl: LogLevel, message: string, detail?: unknown) => {
    if (RANK[lvl] < threshold) return;
    const extra = detail instanceof Error ? detail.stack ?? detail.message : detail;
    if (format === 'json') {
      process.stderr.write(JSON.stringify({ level: lvl, ts: new Date().toISOString(), msg: message, detail: extra }) + '\n');
    } else {
      process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}${extra === undefined ? '' : ' ' + (typeof extra === 'string' ? extra : JSON.stringify(extra))}\n`);
    }
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? '').toLowerCase();
  return (v in RANK ? v : 'warn') as LogLevel;
}
