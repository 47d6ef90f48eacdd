import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { AuthTokens } from '../api-types';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthService } from './auth.service';

const SESSION: AuthTokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 900,
  user: { id: 'u-1', username: 'admin', tenantId: 't-1', roles: [] },
};

function setUp() {
  sessionStorage.setItem('lunas.auth', JSON.stringify(SESSION));
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  return { auth: TestBed.inject(AuthService), backend: TestBed.inject(HttpTestingController) };
}

describe(AuthService.name, () => {
  beforeEach(() => sessionStorage.clear());

  describe('constructor', () => {
    it('resumes the session kept in sessionStorage', () => {
      const { auth } = setUp();

      expect(auth.isSignedIn()).toBe(true);
      expect(auth.user()?.username).toBe('admin');
    });
  });

  describe('signOut', () => {
    it('revokes the refresh token on the API and forgets the session', async () => {
      const { auth, backend } = setUp();

      const done = firstValueFrom(auth.signOut());
      const request = backend.expectOne(AUTH_ENDPOINTS.logout);
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ refreshToken: 'refresh-1' });
      request.flush(null, { status: 204, statusText: 'No Content' });
      await done;

      expect(auth.isSignedIn()).toBe(false);
      expect(sessionStorage.getItem('lunas.auth')).toBeNull();
    });

    it('forgets the session even when the API cannot be reached', async () => {
      const { auth, backend } = setUp();

      const done = firstValueFrom(auth.signOut());
      backend.expectOne(AUTH_ENDPOINTS.logout).error(new ProgressEvent('error'));
      await done;

      expect(auth.isSignedIn()).toBe(false);
      expect(sessionStorage.getItem('lunas.auth')).toBeNull();
    });
  });
});
