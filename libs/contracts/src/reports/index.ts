export * from './dashboard';
export * from './finance-report';
