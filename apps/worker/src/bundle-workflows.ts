/**
 * Build step of the worker image: bundles the workflow code once (`node -r @swc-node/register
 * apps/worker/src/bundle-workflows.ts <out.js>`), so that a worker container started with WORKFLOW_BUNDLE_PATH=<out.js>
 * polls within seconds instead of running webpack at every start. Writes its traced twin beside it too (`bundle.js` → `bundle.traced.js`): the same
 * workflows with the OpenTelemetry interceptors, which a worker with traces on (`OTEL_*`) starts from instead.
 */
import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';
import { tracedBundlePathOf, tracedWorkflowBundlerOptions, WORKFLOWS_PATH, workflowBundlerOptions } from './temporal/workflow-bundle';

async function main(): Promise<void> {
  const [out] = process.argv.slice(2);
  if (!out) throw new Error('usage: bundle-workflows.ts <output file>');
  for (const [file, options] of [[out, workflowBundlerOptions], [tracedBundlePathOf(out), tracedWorkflowBundlerOptions]] as const) {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...options });
    await writeFile(file, code);
    process.stdout.write(`workflow bundle written to ${file} (${Math.round(code.length / 1024)} KiB)\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
