import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideIndonesianLocale } from '../../core/format/locale';
import { NetworkPageComponent } from './network-page.component';
import { NETWORK_API } from './network.service';

describe(NetworkPageComponent.name, () => {
  it('shows the registered devices and the live sessions, isolated ones marked Diisolir', async () => {
    TestBed.configureTestingModule({ imports: [NetworkPageComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale()] });
    const fixture = TestBed.createComponent(NetworkPageComponent);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`${NETWORK_API}/devices`).flush([
      { id: 'd1', tenantId: 't', name: 'Lab NAS', site: 'Sandbox lokal', method: 'radius', address: '127.0.0.1', coaPort: 13799, apiPort: 8728, apiTls: false, apiUsername: null, hasSecret: true },
    ]);
    http.expectOne(`${NETWORK_API}/sessions`).flush([
      { acctSessionId: 'A1', userName: 'ahmad.fauzi', subscriptionId: 's1', nasIpAddress: '127.0.0.1', framedIpAddress: '10.99.0.2', startedAt: '2026-12-06T01:00:00Z', isolated: true },
    ]);
    fixture.detectChanges();
    await fixture.whenStable();
    const text = (selector: string) => (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text('[data-testid="devices"]')).toContain('Lab NAS');
    expect(text('[data-testid="devices"]')).toContain('13799');
    expect(text('[data-testid="sessions"]')).toContain('ahmad.fauzi');
    expect(text('[data-testid="sessions"]')).toContain('Diisolir');
  });

  it('registers a RouterOS router with the api-ssl service on 8729 and the API credentials', async () => {
    TestBed.configureTestingModule({ imports: [NetworkPageComponent], providers: [provideHttpClient(), provideHttpClientTesting(), provideIndonesianLocale()] });
    const fixture = TestBed.createComponent(NetworkPageComponent);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne(`${NETWORK_API}/devices`).flush([]);
    http.expectOne(`${NETWORK_API}/sessions`).flush([]);
    const page = fixture.componentInstance as unknown as { draft: Record<string, unknown>; registerDevice(): void };
    Object.assign(page.draft, { name: 'Router POP', method: 'routeros', address: '10.0.0.1', apiUsername: 'lunas', secret: 'rahasia-api', apiTls: true, apiPort: 8729 });
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="api-tls"]')).not.toBeNull();
    page.registerDevice();
    const request = http.expectOne(`${NETWORK_API}/devices`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: 'Router POP', method: 'routeros', address: '10.0.0.1', apiUsername: 'lunas', apiPassword: 'rahasia-api', apiPort: 8729, apiTls: true });
  });
});
