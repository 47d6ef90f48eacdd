export * from './hold-until';
export * from './pacing';
