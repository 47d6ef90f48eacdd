/**
 * `temporal.api.testservice.v1.TestService`: time skipping control, served in the test-server form.
 */
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { SkippingClock } from '../clock/skipping-clock';
import { TimeSkipper } from '../clock/time-skipper';
import type { Engine } from '../engine/engine';
import type { UnaryHandler } from '../grpc/bind-service';
import { GrpcCode, ServiceError } from '../errors';
import { msFromDur, msFromTs, temporal, tsFromMs } from '../proto';

type SleepRequest = temporal.api.testservice.v1.ISleepRequest;
type SleepUntilRequest = temporal.api.testservice.v1.ISleepUntilRequest;

export function testServiceHandlers(engine: Engine, clock: SkippingClock, skipper: TimeSkipper): Record<string, UnaryHandler> {
  const unbalanced = () => new ServiceError(GrpcCode.FAILED_PRECONDITION, 'UnlockTimeSkipping called more times than LockTimeSkipping');

  /** Resolves once server time reaches `target` (a deadline in the shared timer queue, so skipping targets it). */
  const sleepUntil = (target: number, call: ServerUnaryCall<unknown, unknown>, onWake?: () => void) =>
    new Promise<object>((resolve) => {
      if (target <= clock.now()) {
        onWake?.();
        return resolve({});
      }
      let done = false;
      const wake = () => {
        if (done) return;
        done = true;
        onWake?.();
        resolve({});
      };
      engine.timers.add(target, wake);
      call.on('cancelled', wake);
      skipper.schedule();
    });

  const handlers = {
    LockTimeSkipping: () => {
      clock.lock();
      return {};
    },
    UnlockTimeSkipping: () => {
      if (!clock.unlock()) throw unbalanced();
      skipper.schedule();
      return {};
    },
    Sleep: (req: SleepRequest, call: ServerUnaryCall<unknown, unknown>) => sleepUntil(clock.now() + msFromDur(req.duration), call),
    SleepUntil: (req: SleepUntilRequest, call: ServerUnaryCall<unknown, unknown>) => sleepUntil(msFromTs(req.timestamp), call),
    UnlockTimeSkippingWithSleep: (req: SleepRequest, call: ServerUnaryCall<unknown, unknown>) => {
      const target = clock.now() + msFromDur(req.duration);
      if (!clock.unlock()) throw unbalanced();
      return sleepUntil(target, call, () => clock.lock());
    },
    GetCurrentTime: () => ({ time: tsFromMs(clock.now()) }),
  };
  return handlers as unknown as Record<string, UnaryHandler>;
}
