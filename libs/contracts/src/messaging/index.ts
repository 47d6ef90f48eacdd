export * from './message-templates';
export * from './billing-document';
export * from './sender-queue';
