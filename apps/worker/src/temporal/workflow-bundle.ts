import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** Path of the barrel that exports every workflow (HOUSE-STYLE rule 2). */
export const WORKFLOWS_PATH = path.join(WORKSPACE_ROOT, 'workflows/src/index.ts');

/** Workflow interceptors of a traced worker (OpenTelemetry; not in the workflows barrel). */
export const TRACING_INTERCEPTORS_PATH = path.join(WORKSPACE_ROOT, 'workflows/src/tracing-interceptors.ts');

/** Libraries workflows may import, resolved for the workflow bundler like tsconfig paths. */
const WORKFLOW_ALIASES: Record<string, string> = {
  '@lunas/domain$': path.join(WORKSPACE_ROOT, 'libs/domain/src/index.ts'),
  '@lunas/contracts$': path.join(WORKSPACE_ROOT, 'libs/contracts/src/index.ts'),
};

/**
 * Stateless modules evaluated once per workflow thread and shared by every workflow in it, instead of once per
 * workflow: the SDK's workflow API and our pure libraries (no module-level mutable state, no clock or randomness at
 * load). Each workflow then holds only its own module (`workflows/src`).
 */
const SHARED_WORKFLOW_MODULES = ['@temporalio/workflow', '@lunas/domain', '@lunas/contracts'];

/** Bundler options: webpack resolves the workspace's path aliases inside workflow code, and shares the stateless modules. */
export const workflowBundlerOptions: Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules'> = {
  preloadModules: SHARED_WORKFLOW_MODULES,
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...WORKFLOW_ALIASES } },
  }),
};

/** Bundler options of a traced worker (`OTEL_*` set): the same bundle plus the OpenTelemetry workflow interceptors. */
export const tracedWorkflowBundlerOptions: typeof workflowBundlerOptions & Pick<BundleOptions, 'workflowInterceptorModules'> = {
  ...workflowBundlerOptions,
  workflowInterceptorModules: [TRACING_INTERCEPTORS_PATH],
};

/** The traced bundle `bundle-workflows.ts` writes beside the plain one: `bundle.js` → `bundle.traced.js`. */
export function tracedBundlePathOf(bundlePath: string): string {
  return bundlePath.replace(/(\.js)?$/, '.traced.js');
}
