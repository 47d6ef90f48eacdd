import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';

export const DUNNING_POLICIES_URL = '/api/v1/dunning-policies';

/** A late fee: fixed rupiah, or basis points of the invoice total (200 = 2 %). */
export type LateFeeRule = { kind: 'fixed'; amount: number } | { kind: 'percent'; basisPoints: number };

export type LadderAction =
  | { type: 'notify'; template: string }
  | { type: 'late_fee'; fee: LateFeeRule }
  | { type: 'suspend_warning'; template: string }
  | { type: 'suspend' };

export interface LadderStep {
  id: string;
  dayOffset: number;
  time?: string;
  actions: LadderAction[];
}

/** The policy document the editor edits (the domain's `DunningPolicy`, validated by the API with `validateDunningPolicy`). */
export interface PolicyDocument {
  id: string;
  version: number;
  name: string;
  stepTime: string;
  sendWindow: { days: number[]; start: string; end: string };
  suspendOnlyInWorkingHours: boolean;
  promiseToPay: { maxDaysAhead: number; maxPerInvoice: number };
  issueWhileSuspended: boolean;
  steps: LadderStep[];
}

/** A stored version (`GET /api/v1/dunning-policies`, newest first). */
export interface PolicyVersion {
  id: string;
  tenantId: string;
  version: number;
  body: PolicyDocument;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
}

export type PolicyApplyMode = 'next_cycle' | 'now';

export interface PublishedPolicy extends PolicyVersion {
  mode: PolicyApplyMode;
  workflowsNotified: number;
}

/** Dunning policy versions of the operator's mitra: list and publish a new version. */
@Injectable({ providedIn: 'root' })
export class DunningPoliciesService {
  private readonly http = inject(HttpClient);

  list(): Observable<PolicyVersion[]> {
    return this.http.get<PolicyVersion[]>(DUNNING_POLICIES_URL);
  }

  publish(policy: PolicyDocument, mode: PolicyApplyMode): Observable<PublishedPolicy> {
    return this.http.post<PublishedPolicy>(DUNNING_POLICIES_URL, { policy, mode });
  }
}
