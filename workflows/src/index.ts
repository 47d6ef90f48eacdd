export { subscriptionWorkflow } from './subscription-workflow';
export { networkDriftWorkflow } from './network-drift-workflow';
