import { Engine } from '../engine/engine';
import { createLogger } from '../logger';
import { durFromMs, enums, int64 } from '../proto';
import { Namespaces } from '../state/namespaces';
import { decodeSearchAttributePayload, SearchAttributeRegistry } from '../visibility';

const MINUTE = 60_000;
const START = Date.parse('2026-01-01T00:00:00Z');

/** The engine on a hand-moved clock: deadlines fire only when the test says so. */
function engineAt(start: number) {
  const clock = { t: start, now: () => clock.t };
  const engine = new Engine({
    clock,
    namespaces: new Namespaces([]),
    log: createLogger('error', 'pretty'),
    longPollMs: 1000,
    searchAttributes: new SearchAttributeRegistry(),
  });
  return { clock, engine };
}

const action = { startWorkflow: { workflowId: 'report', workflowType: { name: 'summary' }, taskQueue: { name: 'q' } } };

describe('Scheduler', () => {
  it('takes only the actions inside the catch-up window after a gap, counting the missed ones', async () => {
    const { clock, engine } = engineAt(START);
    engine.schedules.create({
      namespace: 'default',
      scheduleId: 'every-minute',
      schedule: {
        spec: { interval: [{ interval: durFromMs(MINUTE) }] },
        action,
        policies: { catchupWindow: durFromMs(10_000), overlapPolicy: enums.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL },
      },
    });
    clock.t = START + 60 * MINUTE + 5_000; // the server was away for an hour
    engine.timers.fireDue();
    const { info } = engine.schedules.describe({ namespace: 'default', scheduleId: 'every-minute' });
    expect(Number(info?.actionCount)).toBe(1);
    expect(Number(info?.missedCatchupWindow)).toBe(59);
    const attributes = engine.currentRun('default', 'report-2026-01-01T01:00:00Z')?.searchAttributes ?? {};
    expect(decodeSearchAttributePayload(attributes.TemporalScheduledById)).toBe('every-minute');
    expect(decodeSearchAttributePayload(attributes.TemporalScheduledStartTime)).toEqual(new Date(START + 60 * MINUTE));
    await engine.close();
  });

  it('stops after the remaining actions are used up; manual triggers do not count', async () => {
    const { clock, engine } = engineAt(START);
    engine.schedules.create({
      namespace: 'default',
      scheduleId: 'twice',
      schedule: {
        spec: { interval: [{ interval: durFromMs(MINUTE) }] },
        action,
        policies: { overlapPolicy: enums.ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL },
        state: { limitedActions: true, remainingActions: int64(2) },
      },
      initialPatch: { triggerImmediately: {} },
    });
    for (let minute = 1; minute <= 5; minute++) {
      clock.t = START + minute * MINUTE;
      engine.timers.fireDue();
    }
    const described = engine.schedules.describe({ namespace: 'default', scheduleId: 'twice' });
    expect(Number(described.info?.actionCount)).toBe(3);
    expect(Number(described.schedule?.state?.remainingActions)).toBe(0);
    expect(described.info?.futureActionTimes).toEqual([]);
    await engine.close();
  });
});
