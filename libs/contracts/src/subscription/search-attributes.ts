import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes the subscription workflow upserts; register them on the namespace before starting workers. */
export const LunasSearchAttributes = {
  tenantId: defineSearchAttributeKey('LunasTenantId', SearchAttributeType.KEYWORD),
  customerId: defineSearchAttributeKey('LunasCustomerId', SearchAttributeType.KEYWORD),
  subscriptionId: defineSearchAttributeKey('LunasSubscriptionId', SearchAttributeType.KEYWORD),
  dunningStage: defineSearchAttributeKey('LunasDunningStage', SearchAttributeType.KEYWORD),
  suspended: defineSearchAttributeKey('LunasSuspended', SearchAttributeType.BOOL),
  overdueSince: defineSearchAttributeKey('LunasOverdueSince', SearchAttributeType.DATETIME),
  invoiceNumber: defineSearchAttributeKey('LunasInvoiceNumber', SearchAttributeType.KEYWORD),
} as const;

/** `{ name, type }` of every Lunas search attribute, for `temporal operator search-attribute create` and dev servers. */
export const LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS: readonly { name: string; type: SearchAttributeType }[] = Object.values(
  LunasSearchAttributes,
).map(({ name, type }) => ({ name, type }));

/** `--search-attribute NAME=TYPE` arguments for `temporal server start-dev` (and the embedded dev server). */
export function searchAttributeServerArgs(): string[] {
  return LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]);
}
