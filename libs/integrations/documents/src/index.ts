export * from './lib/stamp-duty';
export * from './lib/billing-document-html';
export * from './lib/pdf-renderer';
