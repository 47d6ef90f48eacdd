export * from './generate-customers';
export * from './rbac';
export * from './seed';
export * from './seed-data';
export * from './demo-mitra';
export * from './lab-network';
