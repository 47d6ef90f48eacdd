/** The demo mitra is created unless `LUNAS_DEMO=false`, and never in production. */
export function demoEnabled(env: Record<string, string | undefined>): boolean {
  return env['NODE_ENV'] !== 'production' && env['LUNAS_DEMO'] !== 'false';
}
