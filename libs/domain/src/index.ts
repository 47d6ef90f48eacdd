export * from './billing';
export * from './calendar';
export type { Instant } from './calendar';
export * from './errors';
export * from './invoice-number';
export * from './money';
export * from './phone';
export * from './proration';
export * from './tax';
