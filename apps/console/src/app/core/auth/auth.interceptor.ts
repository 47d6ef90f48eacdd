import { HttpErrorResponse, HttpInterceptorFn, HttpRequest, HttpStatusCode } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthService } from './auth.service';
import { signInUrl } from './auth.guards';

const API_PREFIX = '/api/';
const TOKEN_ENDPOINTS: readonly string[] = [AUTH_ENDPOINTS.login, AUTH_ENDPOINTS.refresh];

/**
 * Adds `Authorization: Bearer <access token>` to API calls. When the API answers 401, refreshes
 * the token once and repeats the call; when the refresh is refused, sends the operator to sign in.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const token = auth.accessToken();
  if (!request.url.startsWith(API_PREFIX) || TOKEN_ENDPOINTS.includes(request.url) || token === null) {
    return next(request);
  }

  return next(withBearer(request, token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== HttpStatusCode.Unauthorized) {
        return throwError(() => error);
      }
      return auth.refreshAccessToken().pipe(
        catchError(() => {
          void router.navigateByUrl(signInUrl(router, router.url));
          return throwError(() => error);
        }),
        switchMap((freshToken) => next(withBearer(request, freshToken))),
      );
    }),
  );
};

function withBearer(request: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}
