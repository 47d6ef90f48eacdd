import { provisionSubscriber } from '@lunas/network';
import { Subscription, subscriptionNetworkProfile, type SubscriptionNetworkProfile } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Writes the subscription's FreeRADIUS rows (package group, isolir membership as `isolated` says, default its status)
 * in the caller's transaction, so they change with the subscription row or not at all; answers what it wrote (null:
 * no PPPoE user). Idempotent: it writes a state, so an activity retry writes the same rows again.
 */
export async function provisionSubscription(m: EntityManager, subscriptionId: string, isolated?: boolean): Promise<SubscriptionNetworkProfile | null> {
  const profile = await subscriptionNetworkProfile(m, subscriptionId, isolated);
  if (profile) await provisionSubscriber(m, profile);
  return profile;
}

/** Puts the subscription on another package and FreeRADIUS with it, in the caller's transaction. */
export async function moveSubscriptionToPackage(m: EntityManager, subscriptionId: string, packageId: string): Promise<void> {
  await m.update(Subscription, { id: subscriptionId }, { packageId });
  await provisionSubscription(m, subscriptionId);
}
