import { MESSAGE_CATEGORY, type MessageTemplateKind } from '@lunas/contracts';
import { jakartaDateOf } from '@lunas/domain';
import { recipientsOf } from '@lunas/messaging';
import { bankLineOf, Customer, NotificationLog, Tenant, isUuid } from '@lunas/persistence';
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
  const customer = isUuid(input.customerId)
    ? await dataSource.manager.findOne(Customer, {
        where: { id: input.customerId, tenantId: input.tenantId },
        select: { id: true, name: true, phone: true, email: true, whatsappConsent: true, emailConsent: true, broadcastOptOutAt: true },
      })
    : null;
  if (!customer) return 'not-found';
  const recipients = recipientsOf(customer, MESSAGE_CATEGORY[input.kind]);
  if ('skipped' in recipients) return { status: (await logSkipped(dataSource, input, customer, recipients.skipped)) ? 'skipped' : 'duplicate' };
  const tenant = await dataSource.manager.findOneByOrFail(Tenant, { id: input.tenantId });
  const rekening = bankLineOf(tenant);
  const status = await notifications.send({
    tenantId: input.tenantId,
    subscriptionId: input.subscriptionId,
    customerId: customer.id,
    invoiceId: input.invoiceId,
    template: input.kind,
    recipients,
    vars: {
      namaUsaha: tenant.businessName,
      ...(rekening ? { rekening } : {}),
      namaPelanggan: customer.name,
      ...(input.kind === 'suspended' ? { tanggalIsolir: jakartaDateOf(Date.now()) } : {}),
      ...input.vars,
    },
    idempotencyKey: input.idempotencyKey,
  });
  return { status, adapter: true };
}

/** Logs the message as skipped with the reason (once per key); false when the key was logged before. */
async function logSkipped(dataSource: DataSource, input: CustomerMessageInput, customer: Customer, reason: string): Promise<boolean> {
  const inserted = await dataSource
    .createQueryBuilder()
    .insert()
    .into(NotificationLog)
    .values({
      tenantId: input.tenantId,
      subscriptionId: input.subscriptionId ?? null,
      customerId: customer.id,
      invoiceId: input.invoiceId ?? null,
      channel: 'whatsapp',
      template: input.kind,
      recipient: customer.phone,
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
