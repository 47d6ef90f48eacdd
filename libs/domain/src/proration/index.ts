export * from './proration';
export * from './activation';
