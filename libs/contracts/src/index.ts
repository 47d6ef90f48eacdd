export * from './task-queues';
export * from './workflow-ids';
