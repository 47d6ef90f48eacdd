import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import { FailedSubscriptionWorkflow, FailedSubscriptionWorkflowList } from '../../core/api-types';

export const FAILED_WORKFLOWS_URL = '/api/v1/subscriptions/failed-workflows';

/** URL of the operator action that starts a subscription's stopped workflow again. */
export function restartWorkflowUrl(subscriptionId: string): string {
  return `/api/v1/subscriptions/${encodeURIComponent(subscriptionId)}/actions/restart-workflow`;
}

/** Subscription billing workflows whose latest run stopped, and the action that restarts one. */
@Injectable({ providedIn: 'root' })
export class FailedWorkflowsService {
  private readonly http = inject(HttpClient);

  list(): Observable<FailedSubscriptionWorkflow[]> {
    return this.http.get<FailedSubscriptionWorkflowList>(FAILED_WORKFLOWS_URL).pipe(map((answer) => answer.items));
  }

  restart(subscriptionId: string, reason: string): Observable<unknown> {
    return this.http.post(restartWorkflowUrl(subscriptionId), { reason });
  }
}
