import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateCustomerRequest, CustomerDetail, CustomerListItem, CustomerRecord, Page, UpdateCustomerRequest } from '@lunas/contracts';
import { Observable } from 'rxjs';
import { apiListParams, ListQuery } from '../../shared/list/list-query';

export const CUSTOMERS_URL = '/api/v1/customers';

const customerUrl = (id: string) => `${CUSTOMERS_URL}/${encodeURIComponent(id)}`;

/** Customers (Pelanggan): list, search, create, edit, detail with histories, deactivate or delete. */
@Injectable({ providedIn: 'root' })
export class CustomersService {
  private readonly http = inject(HttpClient);

  list(query: ListQuery): Observable<Page<CustomerListItem>> {
    return this.http.get<Page<CustomerListItem>>(CUSTOMERS_URL, { params: apiListParams(query) });
  }

  /** The first customers whose name, phone, PPPoE user or number match (for pickers). */
  search(q: string): Observable<Page<CustomerListItem>> {
    return this.http.get<Page<CustomerListItem>>(CUSTOMERS_URL, { params: { q, status: 'active', pageSize: '10' } });
  }

  get(id: string): Observable<CustomerDetail> {
    return this.http.get<CustomerDetail>(customerUrl(id));
  }

  create(request: CreateCustomerRequest): Observable<CustomerRecord> {
    return this.http.post<CustomerRecord>(CUSTOMERS_URL, request);
  }

  update(id: string, request: UpdateCustomerRequest): Observable<CustomerRecord> {
    return this.http.patch<CustomerRecord>(customerUrl(id), request);
  }

  deactivate(id: string, reason: string): Observable<CustomerRecord> {
    return this.http.post<CustomerRecord>(`${customerUrl(id)}/deactivate`, { reason });
  }

  activate(id: string, reason: string): Observable<CustomerRecord> {
    return this.http.post<CustomerRecord>(`${customerUrl(id)}/activate`, { reason });
  }

  /** Refused (409, with the reason) once the customer has invoices or payments: deactivate instead. */
  delete(id: string, reason: string): Observable<void> {
    return this.http.delete<void>(customerUrl(id), { body: { reason } });
  }
}
