import * as vm from 'node:vm';

/**
 * Runs workflow code without the SDK's deadlock watchdog (`WorkerOptions.isolateExecutionTimeout`, 5 s).
 *
 * Node enforces a `vm` timeout by creating and joining a native thread on every entry into the context; the SDK
 * enters it five or so times per workflow activation. On our 2-core VMs that thread costs ~0.3 ms per entry, the
 * largest single cost of a worker: at 10 000 subscriptions due at once the worker issues 120 invoices/s with the
 * watchdog and ~195/s without it (docs/benchmarks.md). The price: workflow code stuck in a synchronous loop is no
 * longer failed after 5 s — it blocks its workflow thread. Opt in per worker host by preloading
 * `lean-vm.preload` (`node -r …/lean-vm.preload …`); workflow threads inherit the preload.
 *
 * Returns a function that restores the watchdog.
 */
export function installLeanVm(): () => void {
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions) {
    if (options?.timeout === undefined) return runInContext.call(this, context, options);
    const { timeout: _watchdog, ...rest } = options;
    return runInContext.call(this, context, rest);
  };
  return () => {
    vm.Script.prototype.runInContext = runInContext;
  };
}
