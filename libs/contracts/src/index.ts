export * from './invoice-status';
export * from './task-queues';
export * from './workflow-ids';
export * from './subscription';
export * from './settings';
export * from './reports';
export * from './customer-import';
