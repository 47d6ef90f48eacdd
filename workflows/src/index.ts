export { subscriptionWorkflow } from './subscription-workflow';
export { networkDriftWorkflow } from './network-drift-workflow';
export { senderQueueWorkflow } from './sender-queue-workflow';
