/**
 * Wire shapes of the API endpoints the console calls. Plain types only; they move to
 * `@lunas/contracts` once that library exports them.
 */

/** Body of `POST /api/v1/auth/login`. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** Body of `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`. */
export interface RefreshRequest {
  refreshToken: string;
}

/** The signed-in operator as the API describes them. */
export interface AuthUser {
  id: string;
  username: string;
  tenantId: string;
  roles: string[];
}

/** Answer of login and refresh. `expiresIn` is the access token's lifetime in seconds. */
export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: AuthUser;
}

/** One invalid field of a refused request. */
export interface ApiFieldError {
  field: string;
  message: string;
}

/**
 * Error body of every API route: RFC 9457 problem details (`application/problem+json`). `detail` is written for
 * people, in Bahasa Indonesia; `errors` lists the invalid fields of a validation failure.
 */
export interface ApiProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code?: string;
  errors?: ApiFieldError[];
}

/** Status of one component checked by `GET /health` (NestJS Terminus indicator result). */
export interface HealthIndicator {
  status: 'up' | 'down';
  message?: string;
  [detail: string]: unknown;
}

/**
 * Answer of `GET /health` (NestJS Terminus). Sent with HTTP 200 when every component is up and
 * with HTTP 503 (same body) when one is down.
 */
export interface HealthCheckResult {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, HealthIndicator>;
  error?: Record<string, HealthIndicator>;
  details: Record<string, HealthIndicator>;
}

/** How a subscription workflow's latest run stopped (failed, or terminated / timed out / cancelled in Temporal). */
export type WorkflowEnding = 'failed' | 'terminated' | 'timed_out' | 'cancelled';

/** One item of `GET /api/v1/subscriptions/failed-workflows`; ids or time may be missing on odd workflows. */
export interface FailedSubscriptionWorkflow {
  workflowId: string;
  runId: string;
  subscriptionId?: string | null;
  tenantId?: string | null;
  ending: WorkflowEnding;
  /** ISO 8601 timestamp of when the run stopped. */
  stoppedAt?: string | null;
}

/** Answer of `GET /api/v1/subscriptions/failed-workflows`. */
export interface FailedSubscriptionWorkflowList {
  items: FailedSubscriptionWorkflow[];
  total: number;
}
