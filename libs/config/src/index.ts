export * from './config-error';
export * from './lunas-config';
export * from './config.token';
