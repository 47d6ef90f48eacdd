import { BillingRefusal, MESSAGE_CATEGORY, type BillingActivities, type NotifyInput } from '@lunas/contracts';
import { jakartaDateOf } from '@lunas/domain';
import { recipientsOf } from '@lunas/messaging';
import { bankLineOf, Customer, NetworkActionLog, NotificationLog, Subscription, Tenant } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import type { BillingDependencies } from './dependencies';
import { isUuid } from '@lunas/persistence';
import { refusal } from './refusal';

/**
 * Outside effects through the ports: customer messages (respecting consent and "STOP": WhatsApp first, email as
 * the fallback, else skipped and logged with the reason) and network suspension (then the subscription's status and `suspendedAt`).
 * Both are exactly once per idempotency key.
 */
export function effectActivities({ dataSource, notifications, network }: BillingDependencies): Pick<BillingActivities, 'notify' | 'enforceNetwork'> {
  return {
    notify: async (input) => {
      const customer = isUuid(input.customerId) ? await dataSource.manager.findOne(Customer, {
            where: { id: input.customerId, tenantId: input.tenantId },
            select: { id: true, name: true, phone: true, email: true, whatsappConsent: true, emailConsent: true, broadcastOptOutAt: true },
          }) : null;
      if (!customer) throw refusal(BillingRefusal.SubscriptionNotFound, `Pelanggan ${input.customerId} tidak ditemukan`);
      const recipients = recipientsOf(customer, MESSAGE_CATEGORY[input.template]);
      if ('skipped' in recipients) return { status: (await logSkipped(dataSource, input, customer, recipients.skipped)) ? 'skipped' : 'duplicate' };
      const tenant = await dataSource.manager.findOneByOrFail(Tenant, { id: input.tenantId });
      const status = await notifications.send({
        tenantId: input.tenantId,
        subscriptionId: input.subscriptionId,
        customerId: customer.id,
        invoiceId: input.invoiceId,
        template: input.template,
        recipients,
        vars: { ...tenantValues(tenant), namaPelanggan: customer.name, ...(input.template === 'suspended' ? { tanggalIsolir: jakartaDateOf(Date.now()) } : {}), ...input.vars },
        idempotencyKey: input.idempotencyKey,
      });
      return { status, adapter: notifications.name };
    },

    enforceNetwork: async (input) => {
      const subscription = isUuid(input.subscriptionId)
        ? await dataSource.manager.findOneBy(Subscription, { id: input.subscriptionId, tenantId: input.tenantId })
        : null;
      if (!subscription) throw refusal(BillingRefusal.SubscriptionNotFound, `Langganan ${input.subscriptionId} tidak ditemukan`);
      const detail = { trigger: input.trigger, actorUserId: input.actor?.userId, actorName: input.actor?.name, reason: input.reason, at: input.at };
      if (subscription.status === 'cancelled') {
        const inserted = await dataSource
          .createQueryBuilder()
          .insert()
          .into(NetworkActionLog)
          .values({ tenantId: input.tenantId, subscriptionId: subscription.id, action: input.action, idempotencyKey: input.idempotencyKey, result: 'skipped', detail: { ...detail, why: 'cancelled' } as never })
          .orIgnore()
          .returning(['id'])
          .execute();
        return { result: (inserted.raw as unknown[]).length > 0 ? 'skipped' : 'duplicate' };
      }
      const subscriber = { tenantId: input.tenantId, subscriptionId: subscription.id, pppoeUsername: subscription.pppoeUsername };
      const result =
        input.action === 'suspend'
          ? await network.suspend(subscriber, input.idempotencyKey, detail)
          : await network.unsuspend(subscriber, input.idempotencyKey, detail);
      // Also on `duplicate`: a crash may have come between the network call and this update.
      await dataSource.manager.update(
        Subscription,
        { id: subscription.id, status: input.action === 'suspend' ? 'active' : 'suspended' },
        input.action === 'suspend' ? { status: 'suspended', suspendedAt: new Date(input.at) } : { status: 'active', suspendedAt: null },
      );
      return { result, adapter: network.name };
    },
  };
}

/** The mitra's values every template may use: its name and its bank account for transfers. */
function tenantValues(tenant: Tenant): Record<string, string> {
  const rekening = bankLineOf(tenant);
  return { namaUsaha: tenant.businessName, ...(rekening ? { rekening } : {}) };
}

/** Logs the message as skipped with the reason (once per key); false when the key was logged before. */
async function logSkipped(dataSource: DataSource, input: NotifyInput, customer: Customer, reason: string): Promise<boolean> {
  const inserted = await dataSource
    .createQueryBuilder()
    .insert()
    .into(NotificationLog)
    .values({
      tenantId: input.tenantId,
      subscriptionId: input.subscriptionId,
      customerId: customer.id,
      invoiceId: input.invoiceId ?? null,
      channel: 'whatsapp',
      template: input.template,
      recipient: customer.phone,
      idempotencyKey: input.idempotencyKey,
      status: 'skipped',
      error: reason,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
