/** Relative URLs of the API's auth endpoints; the API serves the console, so they share an origin. */
export const AUTH_ENDPOINTS = {
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
} as const;
