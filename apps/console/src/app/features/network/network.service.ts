import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { LiveSessionView, NetworkActionView, NetworkDeviceView } from '@lunas/contracts';
import type { Observable } from 'rxjs';

export const NETWORK_API = '/api/v1/network';

/** The network API: NAS / router registry, live sessions, action log per subscription. */
@Injectable({ providedIn: 'root' })
export class NetworkService {
  private readonly http = inject(HttpClient);

  devices(): Observable<NetworkDeviceView[]> {
    return this.http.get<NetworkDeviceView[]>(`${NETWORK_API}/devices`);
  }

  sessions(): Observable<LiveSessionView[]> {
    return this.http.get<LiveSessionView[]>(`${NETWORK_API}/sessions`);
  }

  actions(subscriptionId: string): Observable<NetworkActionView[]> {
    return this.http.get<NetworkActionView[]>(`${NETWORK_API}/actions`, { params: { subscriptionId } });
  }

  register(device: { name: string; site?: string; method: 'radius' | 'routeros'; address: string; coaPort?: number; radiusSecret?: string; apiUsername?: string; apiPassword?: string; apiPort?: number; apiTls?: boolean }): Observable<NetworkDeviceView> {
    return this.http.post<NetworkDeviceView>(`${NETWORK_API}/devices`, device);
  }
}
