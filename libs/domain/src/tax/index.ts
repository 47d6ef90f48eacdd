export * from './invoice-totals';
export * from './ppn';
