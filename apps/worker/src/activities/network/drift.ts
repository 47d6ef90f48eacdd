import type { NetworkDriftActivities, NetworkDriftFinding } from '@lunas/contracts';
import { isolirGroupName, RouterOsClient, type NetworkEnforcementPort } from '@lunas/network';
import { OperatorNotification } from '@lunas/persistence';
import type { DataSource } from 'typeorm';
import { networkMethodOf } from '../adapters/network/device-method-network-enforcement';
import type { RouterOsConnect } from '../adapters/network/routeros-network-enforcement.adapter';
import { provisionSubscription } from './provision';
import { RouterOsNetwork } from './routeros-network';

const REPAIR_ORDER: Record<NetworkDriftFinding['kind'], number> = { paid_but_isolated: 0, unpaid_but_open: 1, not_provisioned: 2 };

export interface DriftDependencies {
  dataSource: DataSource;
  network: NetworkEnforcementPort;
  /** How the check reaches a RouterOS-API router (tests wrap it). */
  connectRouterOs?: RouterOsConnect;
}

const defaultConnect: RouterOsConnect = (connection) => RouterOsClient.connect(connection);

/**
 * The drift check: for every subscription of the mitra (with a PPPoE username, not cancelled) compares billing
 * (`subscriptions.status`) with the network — FreeRADIUS (`radcheck`, the isolir membership in `radusergroup`) for a
 * RADIUS mitra, the routers' PPP secrets, live sessions and isolir address list for a RouterOS-API mitra — and repairs each
 * difference through the same enforcement port the subscription workflow uses (which also brings live sessions in
 * line), paid-but-isolated first; records each repair in `network_action_log` (trigger `drift`) and tells the
 * mitra's network operators when it found anything.
 */
export function networkDriftActivities({ dataSource, network, connectRouterOs = defaultConnect }: DriftDependencies): NetworkDriftActivities {
  return {
    checkNetworkDrift: async ({ tenantId, runKey }) => {
      const method = await networkMethodOf(dataSource.manager, tenantId);
      if (!method) return { tenantId, checked: 0, findings: [] };
      const rows: SubscriberRow[] = await dataSource.query(
        `SELECT s.id, s.pppoe_username, s.status,
                EXISTS (SELECT 1 FROM radusergroup g WHERE g.username = s.pppoe_username AND g.groupname = $2) AS isolated,
                EXISTS (SELECT 1 FROM radcheck c WHERE c.username = s.pppoe_username) AS provisioned
           FROM subscriptions s
          WHERE s.tenant_id = $1 AND s.status <> 'cancelled' AND s.pppoe_username IS NOT NULL`,
        [tenantId, isolirGroupName(tenantId)],
      );
      const routerOs = method === 'routeros' ? await RouterOsNetwork.read(dataSource, tenantId, connectRouterOs) : null;
      try {
        const findings: NetworkDriftFinding[] = rows
          .flatMap((row): NetworkDriftFinding[] => {
            const base = { subscriptionId: row.id, pppoeUsername: row.pppoe_username };
            const state = routerOs ? routerOs.stateOf(row.pppoe_username) : { provisioned: row.provisioned, isolated: row.isolated, open: !row.isolated };
            if (!state.provisioned) return [{ ...base, kind: 'not_provisioned' }];
            if (row.status === 'active' && state.isolated) return [{ ...base, kind: 'paid_but_isolated' }];
            if (row.status === 'suspended' && state.open) return [{ ...base, kind: 'unpaid_but_open' }];
            return [];
          })
          .sort((a, b) => REPAIR_ORDER[a.kind] - REPAIR_ORDER[b.kind]);
        for (const finding of findings) {
          const subscriber = { tenantId, subscriptionId: finding.subscriptionId, pppoeUsername: finding.pppoeUsername };
          const detail = { trigger: 'drift', reason: finding.kind, at: Date.now() };
          if (finding.kind === 'paid_but_isolated') await network.unsuspend(subscriber, `${finding.subscriptionId}:unsuspend:drift:${runKey}`, detail);
          else if (finding.kind === 'unpaid_but_open') await network.suspend(subscriber, `${finding.subscriptionId}:suspend:drift:${runKey}`, detail);
          else if (routerOs) await routerOs.addSecretOf(finding.subscriptionId);
          else await dataSource.transaction((m) => provisionSubscription(m, finding.subscriptionId));
        }
        if (findings.length > 0) await alert(dataSource, tenantId, runKey, findings);
        return { tenantId, checked: rows.length, findings };
      } finally {
        routerOs?.close();
      }
    },
  };
}

interface SubscriberRow {
  id: string;
  pppoe_username: string;
  status: string;
  isolated: boolean;
  provisioned: boolean;
}

const KIND_TEXT: Record<NetworkDriftFinding['kind'], string> = {
  paid_but_isolated: 'sudah bayar tetapi masih diisolir',
  unpaid_but_open: 'diisolir di tagihan tetapi terbuka di jaringan',
  not_provisioned: 'belum terdaftar di RADIUS',
};

async function alert(dataSource: DataSource, tenantId: string, runKey: string, findings: NetworkDriftFinding[]): Promise<void> {
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(OperatorNotification)
    .values({
      tenantId,
      permission: 'network.read',
      kind: 'network_drift',
      title: `Pemeriksaan jaringan: ${findings.length} perbedaan diperbaiki`,
      body: findings.map((f) => `${f.pppoeUsername}: ${KIND_TEXT[f.kind]}`).join('\n'),
      entityType: 'tenant',
      entityId: tenantId,
      idempotencyKey: `network-drift:${runKey}`.slice(0, 200),
    })
    .orIgnore()
    .execute();
}
