export { createTestDatabase, databaseUrl } from './test-database';
export type { TestDatabase, TestDatabaseOptions } from './test-database';
export { insertInvoice, insertSubscription, insertTenant } from './fixtures';
export type { SubscriptionFixture } from './fixtures';
