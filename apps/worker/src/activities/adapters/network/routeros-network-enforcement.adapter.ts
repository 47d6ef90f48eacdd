import {
  readPppUser, removeSession, RouterOsClient, switchSecretProfile,
  type NetworkActionDetail, type NetworkEnforcementPort, type NetworkEnforcementReport, type NetworkSubscriber, type RouterOsConnection,
} from '@lunas/network';
import { isolirProfileOf, NetworkActionLog, NetworkDevice, type NetworkAction } from '@lunas/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { insertActionRow } from './action-log';

export type RouterOsConnect = (connection: RouterOsConnection) => Promise<RouterOsClient>;

/** The mitra's RouterOS-API routers with their (decrypted) API passwords, oldest first. */
export function routerOsDevices(m: EntityManager, tenantId: string): Promise<NetworkDevice[]> {
  return m
    .createQueryBuilder(NetworkDevice, 'd')
    .addSelect('d.apiPassword')
    .where(`d.tenant_id = :tenantId AND d.method = 'routeros'`, { tenantId })
    .orderBy('d.created_at')
    .getMany();
}

/** Connects and logs in to a registered router. */
export function connectDevice(connect: RouterOsConnect, device: NetworkDevice): Promise<RouterOsClient> {
  return connect({ host: device.address, port: device.apiPort, tls: device.apiTls, username: device.apiUsername ?? '', password: device.apiPassword ?? '' });
}

/** The profile an unsuspend restores when no suspend recorded the one before (RouterOS's built-in profile). */
export const ROUTEROS_DEFAULT_PROFILE = 'default';

/**
 * What one action does on the router, fixed (and committed) before anything is changed, so that every retry of the
 * same idempotency key does the same thing: the router holding the PPP secret, the sessions live at that moment (only
 * those are removed: the customer's re-dial after our removal is a new session with a new `.id` and already has the
 * new profile) and, for a suspend, the profile the secret had (what the unsuspend restores).
 */
interface RouterOsPlan {
  deviceId: string;
  sessions: string[];
  previousProfile?: string;
}

/**
 * Suspend / unsuspend for a mitra whose routers are managed through the RouterOS API (no RADIUS): the PPP secret is
 * switched to the mitra's isolir profile (whose `address-list` puts the session in the isolir list the redirect rule
 * matches) and the live session is removed (`/ppp/active/remove`) so the customer re-dials into it; unsuspend switches
 * back and removes the isolated session. Exactly once per idempotency key: a profile already set is not set again, a
 * session already gone ("no such item") is not an error, and sessions are those of the committed plan.
 */
export class RouterOsNetworkEnforcementAdapter implements NetworkEnforcementPort {
  readonly name = 'routeros';

  constructor(
    private readonly dataSource: DataSource,
    private readonly connect: RouterOsConnect = (connection) => RouterOsClient.connect(connection),
  ) {}

  suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.enforce('suspend', subscriber, idempotencyKey, detail);
  }

  unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.enforce('unsuspend', subscriber, idempotencyKey, detail);
  }

  private async enforce(action: NetworkAction, subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    const userName = subscriber.pppoeUsername;
    if (!userName) throw new Error(`langganan ${subscriber.subscriptionId} tidak punya username PPPoE`);
    await insertActionRow(this.dataSource.manager, { action, subscriber, idempotencyKey, detail, result: 'pending', adapter: this.name });
    const row = await this.dataSource.manager.findOneByOrFail(NetworkActionLog, { idempotencyKey });
    if (row.result !== 'pending') return { result: 'duplicate', adapter: this.name };
    const isolir = await isolirProfileOf(this.dataSource.manager, subscriber.tenantId);
    const devices = await routerOsDevices(this.dataSource.manager, subscriber.tenantId);
    const planned = row.detail?.['routeros'] as RouterOsPlan | undefined;
    for (const device of planned ? devices.filter((candidate) => candidate.id === planned.deviceId) : devices) {
      const client = await connectDevice(this.connect, device);
      try {
        const state = await readPppUser(client, userName, isolir.addressList);
        if (!state.secret) continue;
        const plan = planned ?? (await this.commitPlan(row.id, {
          deviceId: device.id,
          sessions: state.sessions.map((session) => session.id),
          ...(action === 'suspend' && state.secret.profile !== isolir.routerProfile ? { previousProfile: state.secret.profile } : {}),
        }));
        const profile = action === 'suspend' ? isolir.routerProfile : await this.profileBeforeSuspend(subscriber.subscriptionId, isolir.routerProfile);
        const switched = await switchSecretProfile(client, state.secret, profile);
        const removed: string[] = [];
        for (const session of plan.sessions) if (await removeSession(client, session)) removed.push(session);
        await this.dataSource.manager.update(
          NetworkActionLog,
          { id: row.id, result: 'pending' },
          { result: 'applied', completedAt: new Date(), detail: { ...row.detail, routeros: plan, device: device.name, profile, switched, removed } as never },
        );
        return { result: 'applied', adapter: this.name };
      } finally {
        client.close();
      }
    }
    throw new Error(`PPP secret "${userName}" tidak ditemukan di router RouterOS mitra; tambahkan secret-nya di router, lalu tindakan ini diulang otomatis`);
  }

  /** Commits the plan unless a concurrent attempt of the same key committed one first (then that one stands). */
  private commitPlan(rowId: string, plan: RouterOsPlan): Promise<RouterOsPlan> {
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOneOrFail(NetworkActionLog, { where: { id: rowId }, lock: { mode: 'pessimistic_write' } });
      const existing = row.detail?.['routeros'] as RouterOsPlan | undefined;
      if (existing) return existing;
      await m.update(NetworkActionLog, { id: rowId }, { detail: { ...row.detail, routeros: plan } as never });
      return plan;
    });
  }

  /** The profile the secret had before the latest suspend that changed it (else RouterOS's `default`). */
  private async profileBeforeSuspend(subscriptionId: string, isolirProfile: string): Promise<string> {
    const rows: Array<{ profile: string }> = await this.dataSource.query(
      `SELECT detail->'routeros'->>'previousProfile' AS profile FROM network_action_log
        WHERE subscription_id = $1 AND action = 'suspend' AND adapter = 'routeros' AND detail->'routeros'->>'previousProfile' IS NOT NULL
          AND detail->'routeros'->>'previousProfile' <> $2
        ORDER BY created_at DESC LIMIT 1`,
      [subscriptionId, isolirProfile],
    );
    return rows[0]?.profile ?? ROUTEROS_DEFAULT_PROFILE;
  }
}
