import { Injectable, Logger } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleSpec } from '@temporalio/client';
import { BILLING_TASK_QUEUE, networkDriftScheduleId } from '@lunas/contracts';

/** Hourly unless the mitra's `tenant_network_settings.drift_interval_minutes` says otherwise. */
export const DEFAULT_DRIFT_INTERVAL_MINUTES = 60;

const JAKARTA = 'Asia/Jakarta';

/**
 * When the drift check runs, on the Asia/Jakarta clock: every hour at :00 by default; an interval dividing an hour
 * as minute steps (…:00, :15, :30, :45), a whole number of hours dividing a day as hour steps at :00; any other
 * interval as a plain interval from the epoch.
 */
export function driftScheduleSpec(everyMinutes: number): ScheduleSpec {
  if (everyMinutes < 60 && 60 % everyMinutes === 0) return { calendars: [{ minute: { start: 0, end: 59, step: everyMinutes }, hour: '*' }], timezone: JAKARTA };
  const hours = everyMinutes / 60;
  if (Number.isInteger(hours) && 24 % hours === 0) return { calendars: [{ minute: 0, hour: hours === 1 ? '*' : { start: 0, end: 23, step: hours } }], timezone: JAKARTA };
  return { intervals: [{ every: `${everyMinutes} minutes` }], timezone: JAKARTA };
}

/**
 * The mitra's drift check Schedule (`network-drift-<tenant>`), created when it registers its first NAS: it starts
 * `networkDriftWorkflow` on {@link driftScheduleSpec}, skipping a run while the previous one is still going.
 */
@Injectable()
export class DriftSchedules {
  private readonly logger = new Logger(DriftSchedules.name);

  constructor(private readonly client: Client) {}

  /** Creates the schedule (an existing one is kept); a Temporal server without the Schedules API is logged, not fatal. */
  async ensure(tenantId: string, everyMinutes = DEFAULT_DRIFT_INTERVAL_MINUTES): Promise<'created' | 'exists' | 'unavailable'> {
    try {
      await this.client.schedule.create({
        scheduleId: networkDriftScheduleId(tenantId),
        spec: driftScheduleSpec(everyMinutes),
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
        action: { type: 'startWorkflow', workflowType: 'networkDriftWorkflow', taskQueue: BILLING_TASK_QUEUE, args: [{ tenantId }] },
      });
      return 'created';
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) return 'exists';
      this.logger.warn(`Drift check schedule of tenant ${tenantId} not created: ${(error as Error).message}`);
      return 'unavailable';
    }
  }
}
