import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.module';

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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TEMPORAL_HEALTH_TIMEOUT_MS} ms`)), TEMPORAL_HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.connection.ensureConnected().then(() => this.connection.workflowService.getSystemInfo({})), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
