import * as path from 'node:path';

/**
 * Absolute path of the `lunas-temporal` executable, for
 * `TestWorkflowEnvironment.createLocal/createTimeSkipping({ server: { executable: { type: 'existing-path', path } } })`.
 */
export function devServerBinPath(): string {
  return path.resolve(__dirname, '..', 'bin', 'lunas-temporal');
}
