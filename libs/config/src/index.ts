export * from './config-error';
export * from './lunas-config';
