/** What the drift check found between billing state and network state for one subscription, and repaired. */
export interface NetworkDriftFinding {
  subscriptionId: string;
  pppoeUsername: string;
  /**
   * `paid_but_isolated`: active in billing, in the isolir group; `unpaid_but_open`: suspended in billing, not in the
   * isolir group; `not_provisioned`: FreeRADIUS does not know the user.
   */
  kind: 'paid_but_isolated' | 'unpaid_but_open' | 'not_provisioned';
}

export interface NetworkDriftReport {
  tenantId: string;
  checked: number;
  /** In repair order: paid-but-isolated first (a paying customer without service is the worst drift). */
  findings: NetworkDriftFinding[];
}

/** Activities of the network drift workflow (task queue `billing`, next to enforceNetwork). */
export interface NetworkDriftActivities {
  /** Compares and repairs through the same enforcement as the subscription workflow; `runKey` keys its actions. */
  checkNetworkDrift(input: { tenantId: string; runKey: string }): Promise<NetworkDriftReport>;
}

/** The drift workflow of a mitra (one Temporal Schedule per mitra starts it, hourly by default). */
export function networkDriftScheduleId(tenantId: string): string {
  return `network-drift-${tenantId}`;
}
