/**
 * The workflow sandbox replaces `Date` with a function that *returns* a plain `Date`, which breaks subclasses:
 * `new TZDate(...)` (used by @lunas/domain's Asia/Jakarta calendar through @date-fns/tz) comes back without its
 * prototype and reads the wrong time zone. This keeps the sandbox's deterministic clock (`new Date()` and
 * `Date.now()` are workflow time) and constructs with `new.target`, so subclasses work as they do outside.
 */
const SandboxDate = globalThis.Date;
const RealDate = SandboxDate.prototype.constructor as DateConstructor;

if (SandboxDate !== RealDate) {
  const DeterministicDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new RealDate(SandboxDate.now()).toString();
    return Reflect.construct(RealDate, args.length > 0 ? args : [SandboxDate.now()], new.target);
  } as unknown as DateConstructor;
  Object.assign(DeterministicDate, { now: SandboxDate.now, parse: SandboxDate.parse, UTC: SandboxDate.UTC });
  Object.defineProperty(DeterministicDate, 'prototype', { value: RealDate.prototype });
  globalThis.Date = DeterministicDate;
}

export {};
