export * from './invoice-number';
