import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthTokens } from '../api-types';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const USER = { id: 'u-1', username: 'admin', tenantId: 't-1', roles: ['admin_billing'] };
const FIRST: AuthTokens = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user: USER };
const SECOND: AuthTokens = { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900, user: USER };
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

function setUp(session: AuthTokens | null) {
  sessionStorage.clear();
  if (session) {
    sessionStorage.setItem('lunas.auth', JSON.stringify(session));
  }
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
  });
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController), navigate };
}

describe(authInterceptor.name, () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  describe('adding the access token', () => {
    it('sends the access token as a bearer token to the API', async () => {
      const { http, backend } = setUp(FIRST);

      const response = firstValueFrom(http.get('/api/v1/customers'));
      const request = backend.expectOne('/api/v1/customers');
      expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
      request.flush([]);

      await expect(response).resolves.toEqual([]);
    });

    it('sends no token outside the API, to the token endpoints, or without a session', () => {
      const { http, backend } = setUp(FIRST);

      http.get('/health').subscribe();
      http.post(AUTH_ENDPOINTS.refresh, {}).subscribe();
      expect(backend.expectOne('/health').request.headers.has('Authorization')).toBe(false);
      expect(backend.expectOne(AUTH_ENDPOINTS.refresh).request.headers.has('Authorization')).toBe(false);

      TestBed.inject(AuthService).endSession();
      http.get('/api/v1/customers').subscribe({ error: () => undefined });
      expect(backend.expectOne('/api/v1/customers').request.headers.has('Authorization')).toBe(false);
    });
  });

  describe('answering 401', () => {
    it('refreshes the token once, stores it and repeats the call with it', async () => {
      const { http, backend } = setUp(FIRST);

      const response = firstValueFrom(http.get('/api/v1/invoices'));
      backend.expectOne('/api/v1/invoices').flush({ status: 401, detail: 'Token kedaluwarsa.' }, UNAUTHORIZED);
      const refresh = backend.expectOne(AUTH_ENDPOINTS.refresh);
      expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
      refresh.flush(SECOND);
      const retry = backend.expectOne('/api/v1/invoices');
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({ total: 150000 });

      await expect(response).resolves.toEqual({ total: 150000 });
      expect(JSON.parse(sessionStorage.getItem('lunas.auth') ?? 'null')).toEqual(SECOND);
    });

    it('shares one refresh between calls that fail together', async () => {
      const { http, backend } = setUp(FIRST);

      const responses = Promise.all([firstValueFrom(http.get('/api/v1/a')), firstValueFrom(http.get('/api/v1/b'))]);
      backend.expectOne('/api/v1/a').flush(null, UNAUTHORIZED);
      backend.expectOne('/api/v1/b').flush(null, UNAUTHORIZED);
      backend.expectOne(AUTH_ENDPOINTS.refresh).flush(SECOND);
      backend.expectOne('/api/v1/a').flush('a');
      backend.expectOne('/api/v1/b').flush('b');

      await expect(responses).resolves.toEqual(['a', 'b']);
    });

    it('ends the session and opens the sign-in page when the refresh is refused', async () => {
      const { http, backend, navigate } = setUp(FIRST);

      const response = firstValueFrom(http.get('/api/v1/invoices'));
      backend.expectOne('/api/v1/invoices').flush(null, UNAUTHORIZED);
      backend.expectOne(AUTH_ENDPOINTS.refresh).flush({ status: 401, detail: 'Sesi berakhir. Silakan masuk kembali.' }, UNAUTHORIZED);

      await expect(response).rejects.toBeInstanceOf(HttpErrorResponse);
      expect(TestBed.inject(AuthService).isSignedIn()).toBe(false);
      expect(sessionStorage.getItem('lunas.auth')).toBeNull();
      expect(String(navigate.mock.calls[0][0])).toBe('/masuk');
    });

    it('passes other errors through without refreshing', async () => {
      const { http, backend } = setUp(FIRST);

      const response = firstValueFrom(http.get('/api/v1/invoices'));
      backend.expectOne('/api/v1/invoices').flush({ status: 403, detail: 'Akses ditolak.' }, { status: 403, statusText: 'Forbidden' });

      await expect(response).rejects.toMatchObject({ status: 403 });
      backend.expectNone(AUTH_ENDPOINTS.refresh);
    });
  });
});
