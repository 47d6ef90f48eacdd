import { MESSAGE_CATEGORY, type MessageTemplateKind } from '@lunas/contracts';
import { jakartaDateOf } from '@lunas/domain';
import { DEFAULT_TEMPLATES, recipientsOf } from '@lunas/messaging';
import { bankLineOf, type Customer, NotificationLog, type Tenant, isUuid } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { NotificationPort } from '../ports/notification.port';

export interface CustomerMessageInput {
  tenantId: string;
  subscriptionId?: string;
  customerId: string;
  invoiceId?: string;
  kind: MessageTemplateKind;
  vars: Record<string, string | number>;
  idempotencyKey: string;
}

export type DeliveryOutcome = { status: 'sent' | 'simulated' | 'duplicate' | 'failed'; adapter: true } | { status: 'skipped' | 'duplicate'; adapter?: undefined };

/**
 * One message to a customer of the tenant (the workflow's notices and the queue's bulk messages alike): the channels
 * the customer agreed to (a broadcast never after "STOP"), the customer's and the mitra's values added to the
 * template's, delivered through the notification port; nobody to send to: logged as skipped with the reason, once
 * per key. `not-found`: no such customer in the tenant.
 */
export async function deliverCustomerMessage(dataSource: DataSource, notifications: NotificationPort, input: CustomerMessageInput): Promise<DeliveryOutcome | 'not-found'> {
  const addressee = isUuid(input.customerId) ? await addresseeOf(dataSource, input) : undefined;
  if (!addressee) return 'not-found';
  const recipients = recipientsOf(addressee, MESSAGE_CATEGORY[input.kind]);
  if ('skipped' in recipients) return { status: (await logSkipped(dataSource, input, addressee, recipients.skipped)) ? 'skipped' : 'duplicate' };
  const rekening = bankLineOf(addressee);
  const status = await notifications.send({
    tenantId: input.tenantId,
    subscriptionId: input.subscriptionId,
    customerId: addressee.id,
    invoiceId: input.invoiceId,
    template: input.kind,
    variants: addressee.variants ?? DEFAULT_TEMPLATES[input.kind],
    recipients,
    vars: {
      namaUsaha: addressee.businessName,
      ...(rekening ? { rekening } : {}),
      namaPelanggan: addressee.name,
      ...(input.kind === 'suspended' ? { tanggalIsolir: jakartaDateOf(Date.now()) } : {}),
      ...input.vars,
    },
    idempotencyKey: input.idempotencyKey,
  });
  return { status, adapter: true };
}

/** What a message needs of its customer, the mitra and the mitra's text of the message kind. */
type Addressee = Pick<Customer, 'id' | 'name' | 'phone' | 'email' | 'whatsappConsent' | 'emailConsent' | 'broadcastOptOutAt'> &
  Pick<Tenant, 'businessName' | 'bankAccounts'> & { variants: string[] | null };

/**
 * The customer of the tenant with the tenant's name and bank accounts and its own text of the message kind (null: the
 * built-in one), in one query: a notice is sent per subscription and cycle, so each round trip counts (bench/billing).
 */
async function addresseeOf(dataSource: DataSource, input: CustomerMessageInput): Promise<Addressee | undefined> {
  const [row]: Addressee[] = await dataSource.query(
    `SELECT c.id, c.name, c.phone, c.email, c.whatsapp_consent AS "whatsappConsent", c.email_consent AS "emailConsent",
            c.broadcast_opt_out_at AS "broadcastOptOutAt", t.business_name AS "businessName", t.bank_accounts AS "bankAccounts", mt.variants
       FROM customers c JOIN tenants t ON t.id = c.tenant_id
       LEFT JOIN message_templates mt ON mt.tenant_id = c.tenant_id AND mt.kind = $3
      WHERE c.id = $1 AND c.tenant_id = $2`,
    [input.customerId, input.tenantId, input.kind],
  );
  return row;
}

/** Logs the message as skipped with the reason (once per key); false when the key was logged before. */
async function logSkipped(dataSource: DataSource, input: CustomerMessageInput, addressee: Pick<Customer, 'id' | 'phone'>, reason: string): Promise<boolean> {
  const inserted = await dataSource
    .createQueryBuilder()
    .insert()
    .into(NotificationLog)
    .values({
      tenantId: input.tenantId,
      subscriptionId: input.subscriptionId ?? null,
      customerId: addressee.id,
      invoiceId: input.invoiceId ?? null,
      channel: 'whatsapp',
      template: input.kind,
      recipient: addressee.phone,
      idempotencyKey: input.idempotencyKey,
      status: 'skipped',
      category: MESSAGE_CATEGORY[input.kind],
      error: reason,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
