export * from './indonesian-labels';
export * from './jakarta-time';
export * from './period-key';
