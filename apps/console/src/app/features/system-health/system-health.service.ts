import { HttpClient, HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, of } from 'rxjs';
import { HealthCheckResult } from '../../core/api-types';

export const HEALTH_URL = '/health';

/** Names people understand for the components the API checks; unknown ones show their key. */
const COMPONENT_LABELS: Readonly<Record<string, string>> = {
  database: 'Basis data (PostgreSQL)',
  temporal: 'Mesin alur kerja (Temporal)',
};

export interface ComponentHealth {
  key: string;
  label: string;
  healthy: boolean;
  message: string | null;
}

/** `unreachable`: the API itself did not answer with a health report. */
export type OverallHealth = 'ok' | 'error' | 'unreachable';

export interface HealthReport {
  overall: OverallHealth;
  components: ComponentHealth[];
  checkedAt: Date;
}

/** Reads `GET /health` and turns it into a report; never fails, an unreachable API is a report too. */
@Injectable({ providedIn: 'root' })
export class SystemHealthService {
  private readonly http = inject(HttpClient);

  check(): Observable<HealthReport> {
    return this.http.get<HealthCheckResult>(HEALTH_URL).pipe(
      catchError((error: unknown) => of(unhealthyResultOf(error))),
      map((result) => toReport(result)),
    );
  }
}

/** Terminus answers 503 with the full report when a component is down; anything else means no report. */
function unhealthyResultOf(error: unknown): HealthCheckResult | null {
  const isReport =
    error instanceof HttpErrorResponse &&
    error.status === HttpStatusCode.ServiceUnavailable &&
    typeof error.error === 'object' &&
    error.error !== null &&
    'details' in error.error;
  return isReport ? (error.error as HealthCheckResult) : null;
}

function toReport(result: HealthCheckResult | null): HealthReport {
  const checkedAt = new Date();
  if (result === null) {
    return { overall: 'unreachable', components: [], checkedAt };
  }
  const components = Object.entries(result.details).map(([key, indicator]) => ({
    key,
    label: COMPONENT_LABELS[key] ?? key,
    healthy: indicator.status === 'up',
    message: indicator.message ?? null,
  }));
  return { overall: result.status === 'ok' ? 'ok' : 'error', components, checkedAt };
}
