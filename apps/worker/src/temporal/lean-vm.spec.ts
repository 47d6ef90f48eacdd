import * as vm from 'node:vm';
import { GlobalHandlers, globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';
import { installLeanVm, type PromiseHookInstaller } from './lean-vm';

describe(installLeanVm.name, () => {
  const busyLoop = new vm.Script('(() => { const end = Date.now() + 30; while (Date.now() < end); return "done"; })()');

  it('lets code run past the timeout a caller passes, and the restore brings the watchdog back', () => {
    const context = vm.createContext({});
    expect(() => busyLoop.runInContext(context, { timeout: 5 })).toThrow(/timed out/);

    const restore = installLeanVm();
    try {
      expect(busyLoop.runInContext(context, { timeout: 5, displayErrors: true })).toBe('done');
    } finally {
      restore();
    }

    expect(() => busyLoop.runInContext(context, { timeout: 5 })).toThrow(/timed out/);
  });

  it('leaves calls without a timeout as they are', () => {
    const restore = installLeanVm();
    try {
      expect(new vm.Script('1 + 1').runInContext(vm.createContext({}))).toBe(2);
    } finally {
      restore();
    }
  });

  it("turns the SDK's promise stack traces off, and the restore turns them back on", () => {
    const hooks = globalHandlers as unknown as PromiseHookInstaller;
    const restore = installLeanVm();
    try {
      hooks.setPromiseHook();
      expect(globalHandlers.promiseHookInstalled).toBe(false);
    } finally {
      restore();
    }
    expect(hooks.setPromiseHook).toBe((GlobalHandlers.prototype as unknown as PromiseHookInstaller).setPromiseHook);
  });
});
