export * from './message-templates';
export * from './billing-document';
