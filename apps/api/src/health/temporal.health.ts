import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../temporal/temporal-connection.token';

/** How long the Temporal frontend may take to answer before it counts as down. */
const TEMPORAL_HEALTH_TIMEOUT_MS = 2000;

/** Temporal is healthy when its frontend answers GetSystemInfo within 2 s. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'temporal') {
    const indicator = this.health.check(key);
    try {
      // The abort also stops the client's own retries of the call.
      await this.connection.withAbortSignal(AbortSignal.timeout(TEMPORAL_HEALTH_TIMEOUT_MS), () => this.connection.workflowService.getSystemInfo({}));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: `tidak menjawab dalam ${TEMPORAL_HEALTH_TIMEOUT_MS} ms (${(error as Error).message})` });
    }
  }
}
