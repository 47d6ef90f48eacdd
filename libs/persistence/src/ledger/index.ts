export * from './audit-entry';
export * from './customer-credit';
export * from './invoice-ledger';
export * from './ledger-batch';
export * from './outbox';
export * from './sql-rows';
