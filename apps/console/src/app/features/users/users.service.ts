import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateUserRequest, Page, RoleRecord, UserRecord } from '@lunas/contracts';
import { Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const USERS_URL = '/api/v1/users';
export const ROLES_URL = '/api/v1/roles';

const userUrl = (id: string) => `${USERS_URL}/${encodeURIComponent(id)}`;

/** Users of the console and the built-in roles (Pengguna & Peran). */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<UserRecord>> {
    return this.http.get<Page<UserRecord>>(USERS_URL, { params: apiListParams(query) });
  }

  roles(): Observable<RoleRecord[]> {
    return this.http.get<RoleRecord[]>(ROLES_URL);
  }

  create(request: CreateUserRequest): Observable<UserRecord> {
    return this.http.post<UserRecord>(USERS_URL, request);
  }

  assignRoles(id: string, roles: string[], reason: string): Observable<UserRecord> {
    return this.http.put<UserRecord>(`${userUrl(id)}/roles`, { roles, reason });
  }

  setActive(id: string, active: boolean, reason: string): Observable<UserRecord> {
    return this.http.post<UserRecord>(`${userUrl(id)}/${active ? 'enable' : 'disable'}`, { reason });
  }

  resetPassword(id: string, password: string, reason: string): Observable<unknown> {
    return this.http.post(`${userUrl(id)}/reset-password`, { password, reason });
  }
}
