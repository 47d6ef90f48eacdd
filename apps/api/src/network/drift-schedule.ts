import { Injectable, Logger } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { BILLING_TASK_QUEUE, networkDriftScheduleId } from '@lunas/contracts';

/** Hourly unless the mitra's `tenant_network_settings.drift_interval_minutes` says otherwise. */
export const DEFAULT_DRIFT_INTERVAL_MINUTES = 60;

/**
 * The mitra's drift check Schedule (`network-drift-<tenant>`), created when it registers its first NAS: it starts
 * `networkDriftWorkflow` every interval, skipping a run while the previous one is still going.
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
        spec: { intervals: [{ every: `${everyMinutes} minutes` }] },
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
