export * from './rounding';
export * from './rupiah';
