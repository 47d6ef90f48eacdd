import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatePackageRequest, PackageRecord, Page, UpdatePackageRequest } from '@lunas/contracts';
import { map, Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const PACKAGES_URL = '/api/v1/packages';

/** Internet packages (Paket): list, create, edit; also the choices of the subscription forms. */
@Injectable({ providedIn: 'root' })
export class PackagesService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<PackageRecord>> {
    return this.http.get<Page<PackageRecord>>(PACKAGES_URL, { params: apiListParams(query) });
  }

  /** Active packages the operator can sell, by name (one page of the largest size: a mitra sells a handful). */
  listActive(): Observable<PackageRecord[]> {
    return this.http
      .get<Page<PackageRecord>>(PACKAGES_URL, { params: { active: 'true', pageSize: '100', sort: 'name' } })
      .pipe(map((page) => page.items));
  }

  create(request: CreatePackageRequest): Observable<PackageRecord> {
    return this.http.post<PackageRecord>(PACKAGES_URL, request);
  }

  update(id: string, request: UpdatePackageRequest): Observable<PackageRecord> {
    return this.http.patch<PackageRecord>(`${PACKAGES_URL}/${encodeURIComponent(id)}`, request);
  }
}
