export * from './generate-customers';
export * from './rbac';
export * from './seed';
export * from './seed-data';
