import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { catchError, finalize, map, Observable, of, shareReplay, tap, throwError } from 'rxjs';
import { AuthTokens, AuthUser, LoginRequest, RefreshRequest } from '../api-types';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { AuthSessionStore } from './auth-session.store';
import { grantsOfAccessToken } from './access-claims';

/** Signs the operator in and out and keeps their tokens fresh. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly store = inject(AuthSessionStore);
  private readonly session = signal<AuthTokens | null>(this.store.read());
  private refreshInFlight: Observable<string> | null = null;

  readonly user = computed<AuthUser | null>(() => this.session()?.user ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  /** The operator's grants, read from the access token: the console hides what they may not do (the API refuses it anyway). */
  readonly grants = computed(() => grantsOfAccessToken(this.session()?.accessToken));
  readonly isSuperadmin = computed(() => this.grants().allTenants);

  can(permission: string): boolean {
    return this.grants().permissions.includes(permission);
  }

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  signIn(credentials: LoginRequest): Observable<AuthUser> {
    return this.http.post<AuthTokens>(AUTH_ENDPOINTS.login, credentials).pipe(
      tap((tokens) => this.startSession(tokens)),
      map((tokens) => tokens.user),
    );
  }

  /**
   * Trades the refresh token for a new access token. Concurrent callers share one request; when
   * the API refuses, the session ends.
   */
  refreshAccessToken(): Observable<string> {
    const refreshToken = this.session()?.refreshToken;
    if (!refreshToken) {
      return throwError(() => new Error('No session to refresh'));
    }
    this.refreshInFlight ??= this.http.post<AuthTokens>(AUTH_ENDPOINTS.refresh, { refreshToken } satisfies RefreshRequest).pipe(
      tap({ next: (tokens) => this.startSession(tokens), error: () => this.endSession() }),
      map((tokens) => tokens.accessToken),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay(1),
    );
    return this.refreshInFlight;
  }

  /** Revokes the refresh token on the API (best effort) and forgets the session locally either way. */
  signOut(): Observable<void> {
    const refreshToken = this.session()?.refreshToken;
    if (!refreshToken) {
      return of(undefined);
    }
    return this.http.post<void>(AUTH_ENDPOINTS.logout, { refreshToken } satisfies RefreshRequest).pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      finalize(() => this.endSession()),
    );
  }

  endSession(): void {
    this.store.clear();
    this.session.set(null);
  }

  private startSession(tokens: AuthTokens): void {
    this.store.write(tokens);
    this.session.set(tokens);
  }
}
