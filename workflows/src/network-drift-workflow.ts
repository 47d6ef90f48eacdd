import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { NetworkDriftActivities, NetworkDriftReport } from '@lunas/contracts';

const { checkNetworkDrift } = proxyActivities<NetworkDriftActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/**
 * One drift check of a mitra's network (started by its Temporal Schedule): compares billing with FreeRADIUS and the
 * live sessions and repairs each difference through the enforcement activity, keyed by this run, so a retried
 * activity repeats no action.
 */
export async function networkDriftWorkflow(input: { tenantId: string }): Promise<NetworkDriftReport> {
  return checkNetworkDrift({ tenantId: input.tenantId, runKey: workflowInfo().workflowId + ':' + workflowInfo().runId });
}
