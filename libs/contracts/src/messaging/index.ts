export * from './message-templates';
