/**
 * Preloaded (`-r`) into the benchmark's SDK worker process, whose workflow threads inherit it: runs workflow
 * code without the SDK's deadlock watchdog (`isolateExecutionTimeout`). Node implements a `vm` timeout by
 * creating and joining a native thread on every entry into the context — five or so per activation, ~0.3 ms
 * each on this VM — which makes the watchdog the largest single cost of the load generator. The worker is
 * the benchmark's load generator, not the system measured; `--stock-vm` runs it unchanged for comparison.
 */
import * as vm from 'node:vm';

const runInContext = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function (this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions) {
  if (options?.timeout === undefined) return runInContext.call(this, context, options);
  const { timeout: _watchdog, ...rest } = options;
  return runInContext.call(this, context, rest);
};
