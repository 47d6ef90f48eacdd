import * as vm from 'node:vm';
import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

/** The SDK's per-thread hooks (`vm-shared`), seen through the private method that installs the promise hook. */
export interface PromiseHookInstaller {
  setPromiseHook(): void;
}

/**
 * Runs workflow code without two of the SDK's debugging aids, for worker hosts that need the throughput:
 *
 * 1. The deadlock watchdog (`WorkerOptions.isolateExecutionTimeout`, 5 s). Node enforces a `vm` timeout by creating
 *    and joining a native thread on every entry into the context; the SDK enters it five or so times per workflow
 *    activation, and on our 2-core VMs that thread costs ~0.3 ms per entry: 120 → ~195 invoices/s in `bench/billing`
 *    at 2 000 subscriptions. Price: workflow code stuck in a synchronous loop is no longer failed after 5 s; it blocks
 *    its workflow thread.
 * 2. Promise stack traces. The SDK's promise hook captures and source-maps a stack trace for every promise a
 *    workflow creates, so that the `__stack_trace` query (the Web UI's "Stack Trace" tab) can show where a workflow
 *    waits: ~30 % of the workflow thread's busy time at 10 000 subscriptions (docs/benchmarks.md). Price: that
 *    query answers "stack traces are not enabled on this worker".
 *
 * Opt in per worker host by preloading `lean-vm.preload` (`node -r …/lean-vm.preload …`); workflow threads inherit
 * the preload. Call before the worker creates its first workflow. Returns a function that restores both aids (for
 * workflow threads created afterwards).
 */
export function installLeanVm(): () => void {
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions) {
    if (options?.timeout === undefined) return runInContext.call(this, context, options);
    const { timeout: _watchdog, ...rest } = options;
    return runInContext.call(this, context, rest);
  };
  const hooks = globalHandlers as unknown as PromiseHookInstaller;
  const ownSetPromiseHook = Object.getOwnPropertyDescriptor(hooks, 'setPromiseHook');
  hooks.setPromiseHook = () => undefined;
  return () => {
    vm.Script.prototype.runInContext = runInContext;
    if (ownSetPromiseHook) Object.defineProperty(hooks, 'setPromiseHook', ownSetPromiseHook);
    else delete (hooks as Partial<PromiseHookInstaller>).setPromiseHook;
  };
}
