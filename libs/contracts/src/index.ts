export * from './invoice-status';
export * from './task-queues';
export * from './workflow-ids';
export * from './subscription';
export * from './console';
export * from './network-drift';
export * from './network-views';
export * from './messaging';
