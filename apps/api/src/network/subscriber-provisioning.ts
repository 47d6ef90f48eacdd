import { provisionSubscriber, removeSubscriber } from '@lunas/network';
import { subscriptionNetworkProfile } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Writes the subscription's FreeRADIUS rows (package group, isolir membership, PPPoE user) in the caller's transaction,
 * so they change together with the subscription row or not at all; `previousUserName` (a renamed PPPoE user) loses its
 * rows in the same transaction. Idempotent: a retry writes the same state again.
 */
export async function provisionSubscription(m: EntityManager, subscriptionId: string, previousUserName?: string | null): Promise<void> {
  const profile = await subscriptionNetworkProfile(m, subscriptionId);
  if (previousUserName && previousUserName !== profile?.userName) await removeSubscriber(m, previousUserName);
  if (profile) await provisionSubscriber(m, profile);
}
