import { isolirGroupName, isolirReplies, packageGroupName, packageReplies, type IsolirProfile, type PackageProfile } from './profiles';
import { addToIsolir, removeFromIsolir, writeGroup, writeSubscriber, type SqlExecutor } from './provisioning';

/** Everything FreeRADIUS needs to know about one subscription. */
export interface SubscriberProvisioning {
  userName: string;
  /** Null: keep the `radcheck` password as it is (e.g. a subscription created before passwords were kept). */
  password: string | null;
  package: PackageProfile;
  isolir: IsolirProfile;
  isolated: boolean;
}

/**
 * Writes the subscription's FreeRADIUS rows (its package group, its mitra's isolir group, its user and group
 * membership) in the caller's transaction. Idempotent: running it again with the same input changes nothing.
 */
export async function provisionSubscriber(sql: SqlExecutor, subscriber: SubscriberProvisioning): Promise<void> {
  const packageGroup = packageGroupName(subscriber.package.packageId);
  const isolirGroup = isolirGroupName(subscriber.isolir.tenantId);
  await writeGroup(sql, packageGroup, packageReplies(subscriber.package));
  await writeGroup(sql, isolirGroup, isolirReplies(subscriber.isolir));
  await writeSubscriber(sql, { userName: subscriber.userName, password: subscriber.password, groupName: packageGroup });
  await (subscriber.isolated ? addToIsolir(sql, subscriber.userName, isolirGroup) : removeFromIsolir(sql, subscriber.userName, isolirGroup));
}
