import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthTokens } from '../api-types';
import { redirectSignedIn, requireSignedIn } from './auth.guards';

@Component({ template: '' })
class BlankPageComponent {}

const SESSION: AuthTokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 900,
  user: { id: 'u-1', username: 'admin', tenantId: 't-1', roles: [] },
};

async function navigate(url: string, session: AuthTokens | null): Promise<string> {
  sessionStorage.clear();
  if (session) {
    sessionStorage.setItem('lunas.auth', JSON.stringify(session));
  }
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'masuk', canActivate: [redirectSignedIn], component: BlankPageComponent },
        { path: '', canActivate: [requireSignedIn], children: [{ path: '**', component: BlankPageComponent }] },
      ]),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  return TestBed.inject(Router).url;
}

describe(requireSignedIn.name, () => {
  it('sends a visitor without a session to the sign-in page, remembering where they were going', async () => {
    expect(await navigate('/tagihan?status=terlambat', null)).toBe('/masuk?kembali=%2Ftagihan%3Fstatus%3Dterlambat');
  });

  it('lets a signed-in operator through', async () => {
    expect(await navigate('/tagihan', SESSION)).toBe('/tagihan');
  });
});

describe(redirectSignedIn.name, () => {
  it('sends a signed-in operator from the sign-in page to the home page', async () => {
    expect(await navigate('/masuk', SESSION)).toBe('/');
  });

  it('shows the sign-in page to a visitor without a session', async () => {
    expect(await navigate('/masuk', null)).toBe('/masuk');
  });
});
