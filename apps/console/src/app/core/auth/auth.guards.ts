import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { AuthService } from './auth.service';

export const SIGN_IN_PATH = 'masuk';
/** Query parameter carrying the page to return to after signing in. */
export const RETURN_URL_PARAM = 'kembali';

/** The sign-in page, remembering `returnUrl` unless it is the home page. */
export function signInUrl(router: Router, returnUrl: string): UrlTree {
  const queryParams = returnUrl && returnUrl !== '/' && !returnUrl.startsWith(`/${SIGN_IN_PATH}`) ? { [RETURN_URL_PARAM]: returnUrl } : {};
  return router.createUrlTree([`/${SIGN_IN_PATH}`], { queryParams });
}

/** Lets signed-in operators through; sends everyone else to the sign-in page. */
export const requireSignedIn: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(AuthService).isSignedIn() || signInUrl(router, state.url);
};

/** Keeps signed-in operators away from the sign-in page. */
export const redirectSignedIn: CanActivateFn = () => {
  return !inject(AuthService).isSignedIn() || inject(Router).createUrlTree(['/']);
};
