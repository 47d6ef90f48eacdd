import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS, searchAttributeServerArgs } from '@lunas/contracts';
import { devServerBinPath, startDevServer, type DevServer } from '@lunas/devserver';
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

/**
 * The embedded dev server in process (time skipping, driven by a VirtualCalendar) with Lunas's search attributes, and
 * the workflows bundled once into a file for worker processes (`WORKFLOW_BUNDLE_PATH`); `close` removes both.
 */
export async function startServerWithBundle(): Promise<{ server: DevServer; bundlePath: string; close(): Promise<void> }> {
  const server = await startDevServer({
    port: 0,
    timeSkipping: true,
    searchAttributes: Object.fromEntries(LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => [name, String(type)])),
  });
  const bundleDir = await mkdtemp(path.join(tmpdir(), 'lunas-worker-bundle-'));
  const bundlePath = path.join(bundleDir, 'workflows.js');
  await writeFile(bundlePath, (await bundleWorkflows()).code);
  return {
    server,
    bundlePath,
    close: async () => {
      await server.close();
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}
