export { subscriptionWorkflow } from './subscription-workflow';
export { senderQueueWorkflow } from './sender-queue-workflow';
