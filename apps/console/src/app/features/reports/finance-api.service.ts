import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DashboardSummary, FinanceReport, FinanceReportKind } from '@lunas/contracts';
import type { Observable } from 'rxjs';

export interface FilterTenant {
  id: string;
  businessName: string;
}

export interface ReportFilter {
  from: string;
  to: string;
  tenantId: string | null;
}

/** Dashboard, finance reports and their exports over the REST API. */
@Injectable({ providedIn: 'root' })
export class FinanceApiService {
  private readonly http = inject(HttpClient);

  dashboard(tenantId: string | null, period: { from: string; to: string }): Observable<DashboardSummary> {
    return this.http.get<DashboardSummary>('/api/v1/dashboard', { params: { ...period, ...(tenantId ? { tenantId } : {}) } });
  }

  tenants(): Observable<FilterTenant[]> {
    return this.http.get<FilterTenant[]>('/api/v1/dashboard/tenants');
  }

  report(kind: FinanceReportKind, filter: ReportFilter): Observable<FinanceReport> {
    return this.http.get<FinanceReport>(`/api/v1/reports/${kind}`, { params: paramsOf(filter) });
  }

  export(kind: FinanceReportKind, filter: ReportFilter, format: 'csv' | 'xlsx'): Observable<Blob> {
    return this.http.get(`/api/v1/reports/${kind}/export`, { params: paramsOf(filter).set('format', format), responseType: 'blob' });
  }
}

function paramsOf(filter: ReportFilter): HttpParams {
  const params = new HttpParams().set('from', filter.from).set('to', filter.to);
  return filter.tenantId ? params.set('tenantId', filter.tenantId) : params;
}

/** Saves a downloaded file in the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
