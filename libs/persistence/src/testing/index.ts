export { createTestDatabase, databaseUrl } from './test-database';
export type { TestDatabase, TestDatabaseOptions } from './test-database';
