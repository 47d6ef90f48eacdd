import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
import type { Instant } from '@lunas/domain';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../src/temporal/workflow-bundle';

/** The embedded Temporal server in its time-skipping test-server form, with Lunas's search attributes (the worker's and the workflows' tests). */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: devServerBinPath() }, extraArgs: searchAttributeServerArgs() },
  });
}

/** The workflows barrel bundled as the worker bundles it (same path and aliases). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: quietLogger });
}

/** `wib('2027-04-05 08:00')` → epoch ms of that Asia/Jakarta wall time. */
export function wib(wallTime: string): Instant {
  return Date.parse(`${wallTime.replace(' ', 'T')}:00+07:00`);
}

/** `2027-04-05 08:00` for an instant (Asia/Jakarta). */
export function wibText(instant: Instant | Date): string {
  return new Date(Number(instant) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
