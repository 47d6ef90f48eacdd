export * from './billing-day';
export * from './billing-period';
export * from './invoice-schedule';
