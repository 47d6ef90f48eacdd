/**
 * Deterministic workflow id of a subscription's long-lived workflow. Starting it twice with
 * signal-with-start is therefore idempotent.
 */
export function subscriptionWorkflowId(tenantId: string, subscriptionId: string): string {
  if (!tenantId || !subscriptionId) {
    throw new Error('tenantId and subscriptionId are required for a subscription workflow id');
  }
  return `subscription-${tenantId}-${subscriptionId}`;
}
