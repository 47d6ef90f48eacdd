/** The subscriber as the network knows it (PPPoE / RADIUS username). */
export interface NetworkSubscriber {
  tenantId: string;
  subscriptionId: string;
  /** PPPoE / RADIUS username; null when the subscription has none yet. */
  pppoeUsername: string | null;
}

/** Who asked for the action and why, kept with the action's record. */
export interface NetworkActionDetail {
  /** Dunning step id or `manual`. */
  trigger: string;
  actorUserId?: string;
  actorName?: string;
  reason?: string;
  /** Workflow time of the action (epoch ms). */
  at: number;
}

/** What one call did: `applied` (the network changed), `simulated` (a stand-in only recorded it) or `duplicate`. */
export type NetworkEnforcementOutcome = 'applied' | 'simulated' | 'duplicate';

/** The outcome and the adapter that produced it (recorded with the action and returned to the workflow). */
export interface NetworkEnforcementReport {
  result: NetworkEnforcementOutcome;
  /** e.g. `radius`, `local-network`. */
  adapter: string;
}

/**
 * Suspends (isolir) and restores a subscriber's service on the network (RADIUS CoA / AAA profile). Each call is
 * idempotent by `idempotencyKey`: the first applies the change and answers `applied` (a stand-in that only records
 * the action answers `simulated`); later calls with the same key change nothing and answer `duplicate`. Faults
 * throw and are retried.
 */
export interface NetworkEnforcementPort {
  suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport>;
  unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport>;
}

export const NETWORK_ENFORCEMENT_PORT = Symbol('NETWORK_ENFORCEMENT_PORT');
