import { Injectable } from '@angular/core';
import { AuthTokens } from '../api-types';

const STORAGE_KEY = 'lunas.auth';

/**
 * Keeps the signed-in session in `sessionStorage`: it survives a reload but not closing the tab,
 * and other tabs never see it.
 */
@Injectable({ providedIn: 'root' })
export class AuthSessionStore {
  read(): AuthTokens | null {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) {
      return null;
    }
    try {
      return JSON.parse(raw) as AuthTokens;
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
  }

  write(tokens: AuthTokens): void {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  }

  clear(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  }
}
