import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { AuthTokens } from '../../core/api-types';
import { AUTH_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { AuthService } from '../../core/auth/auth.service';
import { LoginPageComponent } from './login-page.component';

const TOKENS: AuthTokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 900,
  user: { id: 'u-1', username: 'admin', tenantId: 't-1', roles: ['admin_billing'] },
};

async function renderLoginPage(returnUrl: string | null = null) {
  TestBed.configureTestingModule({
    imports: [LoginPageComponent],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: ActivatedRoute,
        useValue: { snapshot: { queryParamMap: convertToParamMap(returnUrl ? { kembali: returnUrl } : {}) } },
      },
    ],
  });
  const fixture = TestBed.createComponent(LoginPageComponent);
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  await fixture.whenStable();
  const element: HTMLElement = fixture.nativeElement;

  const type = (selector: string, value: string) => {
    const input: HTMLInputElement = fixture.debugElement.query(By.css(selector)).nativeElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async (username: string, password: string) => {
    type('#username', username);
    type('#password', password);
    fixture.debugElement.query(By.css('form')).nativeElement.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };

  return { fixture, element, navigate, submit, http: TestBed.inject(HttpTestingController) };
}

describe(LoginPageComponent.name, () => {
  beforeEach(() => sessionStorage.clear());

  describe('signIn', () => {
    it('posts the credentials, stores the tokens and opens the page the operator asked for', async () => {
      const { submit, http, navigate } = await renderLoginPage('/tagihan');

      await submit('admin', 'rahasia123');
      const request = http.expectOne(AUTH_ENDPOINTS.login);
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ username: 'admin', password: 'rahasia123' });
      request.flush(TOKENS);

      expect(JSON.parse(sessionStorage.getItem('lunas.auth') ?? 'null')).toEqual(TOKENS);
      expect(TestBed.inject(AuthService).accessToken()).toBe('access-1');
      expect(navigate).toHaveBeenCalledWith('/tagihan');
      http.verify();
    });

    it('opens the home page when the requested return address leaves the console', async () => {
      const { submit, http, navigate } = await renderLoginPage('//evil.example/phish');

      await submit('admin', 'rahasia123');
      http.expectOne(AUTH_ENDPOINTS.login).flush(TOKENS);

      expect(navigate).toHaveBeenCalledWith('/');
    });

    it('shows the API message when the API refuses, and stores nothing', async () => {
      const { submit, http, element, fixture, navigate } = await renderLoginPage();

      await submit('admin', 'salah');
      http
        .expectOne(AUTH_ENDPOINTS.login)
        .flush({ type: 'about:blank', title: 'Belum masuk', status: 401, detail: 'Nama pengguna atau kata sandi salah.', instance: AUTH_ENDPOINTS.login }, { status: 401, statusText: 'Unauthorized' });
      await fixture.whenStable();

      expect(element.querySelector('[data-testid="login-error"]')?.textContent?.trim()).toBe('Nama pengguna atau kata sandi salah.');
      expect(sessionStorage.getItem('lunas.auth')).toBeNull();
      expect(navigate).not.toHaveBeenCalled();
      expect(element.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(false);
    });

    it('asks for both fields without calling the API when they are empty', async () => {
      const { submit, http, element } = await renderLoginPage();

      await submit('', '');

      http.expectNone(AUTH_ENDPOINTS.login);
      const errors = Array.from(element.querySelectorAll('.field-error')).map((node) => node.textContent?.trim());
      expect(errors).toEqual(['Nama pengguna wajib diisi.', 'Kata sandi wajib diisi.']);
    });
  });
});
