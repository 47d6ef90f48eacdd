import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateTenantRequest, Page, TenantRecord, UpdateTenantRequest } from '@lunas/contracts';
import { map, Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const TENANTS_URL = '/api/v1/tenants';

/** Mitra (tenants): the superadmin's list, create and edit; also the mitra filter of other lists. */
@Injectable({ providedIn: 'root' })
export class TenantsService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<TenantRecord>> {
    return this.http.get<Page<TenantRecord>>(TENANTS_URL, { params: apiListParams(query) });
  }

  /** Every mitra by name, for filters (one page of the largest size). */
  listAll(): Observable<TenantRecord[]> {
    return this.http.get<Page<TenantRecord>>(TENANTS_URL, { params: { pageSize: '100', sort: 'businessName' } }).pipe(map((page) => page.items));
  }

  create(request: CreateTenantRequest): Observable<TenantRecord> {
    return this.http.post<TenantRecord>(TENANTS_URL, request);
  }

  update(id: string, request: UpdateTenantRequest): Observable<TenantRecord> {
    return this.http.patch<TenantRecord>(`${TENANTS_URL}/${encodeURIComponent(id)}`, request);
  }
}
