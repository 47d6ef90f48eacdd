import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath } from '@lunas/devserver';
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

export { wib, wibText } from '@lunas/testing';

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
