export * from './search-attributes';
export * from './billing-activities';
export * from './subscription-workflow.messages';
export * from './subscription-workflow.types';
