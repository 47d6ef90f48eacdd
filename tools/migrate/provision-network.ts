import { provisionSubscriber } from '@lunas/network';
import { subscriptionNetworkProfile } from '@lunas/persistence';
import type { DataSource } from 'typeorm';

/**
 * Writes FreeRADIUS's rows for every subscription (not cancelled, with a PPPoE username) of the mitra that have a
 * NAS registered; idempotent, one transaction. Answers how many subscriptions it provisioned.
 */
export async function provisionNetwork(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (m) => {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT s.id FROM subscriptions s
        WHERE s.status <> 'cancelled' AND s.pppoe_username IS NOT NULL
          AND EXISTS (SELECT 1 FROM network_devices d WHERE d.tenant_id = s.tenant_id)`,
    );
    for (const { id } of rows) {
      const profile = await subscriptionNetworkProfile(m, id);
      if (profile) await provisionSubscriber(m, profile);
    }
    return rows.length;
  });
}
