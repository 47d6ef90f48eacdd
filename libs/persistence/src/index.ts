export * from './entities';
export { MIGRATIONS } from './migrations';
export * from './data-source';
export * from './database-errors';
export * from './embedded-postgres';
export * from './invoice-number';
export * from './ledger';
export * from './optimistic-lock';
export * from './payment-inbox';
export * from './seed';
export * from './network/subscriber-network';
export {
  decryptText, encryptText, encryptedJsonTransformer, encryptedTextTransformer, encryptionKeyFromEnv, setEncryptionKey,
} from './support/encryption';
export { decimalTransformer, moneyTransformer } from './support/money.transformer';
export { generateReceiptToken, hashToken } from './support/tokens';
export * from './documents/billing-document';
export * from './tenant-settings';
