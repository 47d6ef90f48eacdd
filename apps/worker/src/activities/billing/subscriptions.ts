import { BillingRefusal, type BillingActivities } from '@lunas/contracts';
import { InternetPackage, Subscription, Tenant } from '@lunas/persistence';
import { In, type EntityManager } from 'typeorm';
import type { BillingDependencies } from './dependencies';
import { auditOnce, isUuid } from '@lunas/persistence';
import { refusal } from './refusal';
import { removeSubscriber } from '@lunas/network';
import { moveSubscriptionToPackage } from '../network/provision';

type SubscriptionActivities = Pick<BillingActivities, 'changePackage' | 'cancelSubscription' | 'recordAudit'>;

/** Subscription records: package change, cancellation and the operator audit trail, each idempotent. */
export function subscriptionActivities({ dataSource }: BillingDependencies): SubscriptionActivities {
  return {
    changePackage: (input) =>
      dataSource.transaction(async (m) => {
        const subscription = await subscriptionOf(m, input.tenantId, input.subscriptionId);
        const ids = [input.fromPackageId, input.toPackageId].filter(isUuid);
        const packages = await m.findBy(InternetPackage, { id: In(ids) });
        const from = packages.find((pkg) => pkg.id === input.fromPackageId);
        const to = packages.find((pkg) => pkg.id === input.toPackageId);
        if (!from || !to) throw refusal(BillingRefusal.PackageNotFound, `Paket ${!from ? input.fromPackageId : input.toPackageId} tidak ditemukan`);
        if (!to.isActive || !(await offeredTo(m, to, subscription.tenantId))) {
          throw refusal(BillingRefusal.PackageNotFound, `Paket ${to.name} tidak ditemukan atau tidak aktif untuk mitra ini`);
        }
        if (input.mode === 'now') {
          await moveSubscriptionToPackage(m, subscription.id, to.id);
          await auditOnce(
            m,
            {
              tenantId: input.tenantId,
              action: 'subscription.change_package',
              entityType: 'subscription',
              entityId: subscription.id,
              actor: input.actor,
              after: { reason: input.reason, fromPackageId: from.id, toPackageId: to.id, mode: input.mode },
            },
            input.idempotencyKey,
          );
        }
        return { oldMonthlyAmount: from.price, newMonthlyAmount: to.price, oldName: from.name, newName: to.name };
      }),

    // The PPPoE user leaves FreeRADIUS with the cancellation, in its transaction (the workflow cut the session before).
    cancelSubscription: ({ tenantId, subscriptionId, at }) =>
      dataSource.transaction(async (m) => {
        const subscription = await subscriptionOf(m, tenantId, subscriptionId);
        if (subscription.status === 'cancelled') return;
        await m.update(Subscription, { id: subscription.id }, { status: 'cancelled', cancelledAt: new Date(at) });
        if (subscription.pppoeUsername) await removeSubscriber(m, subscription.pppoeUsername);
      }),

    recordAudit: (input) =>
      dataSource.transaction(async (m) => {
        await auditOnce(
          m,
          {
            tenantId: input.tenantId,
            action: input.action,
            entityType: 'subscription',
            entityId: input.subscriptionId,
            actor: input.actor,
            after: { reason: input.reason, ...input.detail },
          },
          input.idempotencyKey,
        );
      }),
  };
}

/** A package the tenant may sell: its own, or a global package of the platform tenant. */
async function offeredTo(m: EntityManager, pkg: InternetPackage, tenantId: string): Promise<boolean> {
  return pkg.tenantId === tenantId || m.existsBy(Tenant, { id: pkg.tenantId, kind: 'platform' });
}

async function subscriptionOf(m: EntityManager, tenantId: string, subscriptionId: string): Promise<Subscription> {
  const subscription = isUuid(subscriptionId) ? await m.findOneBy(Subscription, { id: subscriptionId, tenantId }) : null;
  if (!subscription) throw refusal(BillingRefusal.SubscriptionNotFound, `Langganan ${subscriptionId} tidak ditemukan`);
  return subscription;
}
