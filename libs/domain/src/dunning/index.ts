export * from './policy';
export * from './validate-policy';
export * from './invoice';
export * from './send-window';
export * from './late-fee';
export * from './planner';
export * from './catch-up';
export * from './promise-to-pay';
