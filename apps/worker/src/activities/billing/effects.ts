import { BillingRefusal, type BillingActivities } from '@lunas/contracts';
import { NetworkActionLog, Subscription, isUuid } from '@lunas/persistence';
import { deliverCustomerMessage } from '../messaging/deliver-customer-message';
import type { BillingDependencies } from './dependencies';
import { refusal } from './refusal';

/**
 * Outside effects through the ports: customer messages (respecting consent and "STOP": WhatsApp first, email as
 * the fallback, else skipped and logged with the reason) and network suspension (then the subscription's status and `suspendedAt`).
 * Both are exactly once per idempotency key.
 */
export function effectActivities({ dataSource, notifications, network }: BillingDependencies): Pick<BillingActivities, 'notify' | 'enforceNetwork'> {
  return {
    notify: async (input) => {
      const outcome = await deliverCustomerMessage(dataSource, notifications, { ...input, kind: input.template });
      if (outcome === 'not-found') throw refusal(BillingRefusal.SubscriptionNotFound, `Pelanggan ${input.customerId} tidak ditemukan`);
      return outcome.adapter ? { status: outcome.status, adapter: notifications.name } : { status: outcome.status };
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
      const report =
        input.action === 'suspend'
          ? await network.suspend(subscriber, input.idempotencyKey, detail)
          : await network.unsuspend(subscriber, input.idempotencyKey, detail);
      // Also on `duplicate`: a crash may have come between the network call and this update.
      await dataSource.manager.update(
        Subscription,
        { id: subscription.id, status: input.action === 'suspend' ? 'active' : 'suspended' },
        input.action === 'suspend' ? { status: 'suspended', suspendedAt: new Date(input.at) } : { status: 'active', suspendedAt: null },
      );
      return report;
    },
  };
}
