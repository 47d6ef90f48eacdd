import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateSubscriptionRequest, DunningStage, InvoiceStatus, Page, SubscriptionLiveState, TimelineTrigger } from '@lunas/contracts';
import { Observable } from 'rxjs';
import { ListQuery, apiListParams } from '../../shared/list/list-query';

export const SUBSCRIPTIONS_URL = '/api/v1/subscriptions';

/** A row of `GET /api/v1/subscriptions`: the record, its customer and package, and the workflow's live state. */
export interface SubscriptionRow {
  id: string;
  tenantId: string;
  customer: { id: string; code: string; name: string; phone: string } | null;
  package: { id: string; name: string; price: number } | null;
  billingDay: number;
  status: string;
  workflowId: string | null;
  startedOn: string;
  live?: SubscriptionLiveState | null;
  /** Why the live state could not be read (Indonesian). */
  liveError?: string | null;
}

/** The subscription as stored (`subscription` of the detail). */
export interface SubscriptionRecord {
  id: string;
  tenantId: string;
  customerId: string;
  packageId: string;
  billingDay: number;
  discountKind: string;
  discountValue: number;
  status: string;
  pppoeUsername: string | null;
  workflowId: string | null;
  startedOn: string;
  suspendedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
}

/** One line of the live timeline; `at` is ISO 8601 (WIB). */
export interface LiveTimelineEntry {
  at: string;
  kind: string;
  trigger: TimelineTrigger;
  message: string;
  actor?: { userId: string; name: string };
  amount?: number;
}

/** The workflow's `state` query as the API relays it (instants as ISO 8601, WIB). */
export interface LiveWorkflowState {
  stage: DunningStage;
  suspended: boolean;
  cancelled: boolean;
  dunningPaused: boolean;
  packageId: string;
  nextPeriod: string;
  nextInvoiceAt: string;
  balance: number;
  credit: number;
  currentInvoice?: {
    invoiceId: string;
    number: string;
    period: string;
    dueDate: string;
    total: number;
    lateFee: number;
    balance: number;
    status: InvoiceStatus;
    payLink?: string;
  };
  nextStep?: { stepId: string; actions: string[]; at: string };
  promise?: { until: string; invoiceId: string };
  policyVersion: number;
  pendingPolicyVersion?: number;
  overdueSince?: string;
  timeline: LiveTimelineEntry[];
}

/** `GET /api/v1/subscriptions/:id`. */
export interface SubscriptionDetail {
  subscription: SubscriptionRecord;
  state: LiveWorkflowState | null;
  stateError?: string;
  workflowStatus: string | null;
  workflowStopped?: boolean;
}

/** `POST /api/v1/subscriptions/:id/preview`: the runs of the ladder under another policy. */
export interface PolicyPreview {
  policyVersion: number;
  steps: { stepId: string; stepIds: string[]; actions: string[]; at: string }[];
}

/** Subscriptions: the list with live dunning state, the detail with the workflow's state, operator actions, what-if preview. */
@Injectable({ providedIn: 'root' })
export class SubscriptionsService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<SubscriptionRow>> {
    return this.http.get<Page<SubscriptionRow>>(SUBSCRIPTIONS_URL, { params: apiListParams(query) });
  }

  get(id: string): Observable<SubscriptionDetail> {
    return this.http.get<SubscriptionDetail>(`${SUBSCRIPTIONS_URL}/${encodeURIComponent(id)}`);
  }

  /** `idempotencyKey`: one per form (see `newIdempotencyKey`), so that a repeated submit creates one subscription. */
  create(request: CreateSubscriptionRequest, idempotencyKey: string): Observable<SubscriptionRecord> {
    return this.http.post<SubscriptionRecord>(SUBSCRIPTIONS_URL, request, { headers: { 'Idempotency-Key': idempotencyKey } });
  }

  preview(id: string, policy: unknown): Observable<PolicyPreview> {
    return this.http.post<PolicyPreview>(`${SUBSCRIPTIONS_URL}/${encodeURIComponent(id)}/preview`, { policy });
  }

  act(id: string, action: string, body: Record<string, unknown>): Observable<unknown> {
    return this.http.post(`${SUBSCRIPTIONS_URL}/${encodeURIComponent(id)}/actions/${action}`, body);
  }
}
