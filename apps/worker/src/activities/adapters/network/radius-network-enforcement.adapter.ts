import { DEFAULT_RETRANSMIT, isolirReplies, packageReplies, type NetworkActionDetail, type NetworkEnforcementPort, type NetworkEnforcementReport, type NetworkSubscriber, type RetransmitPolicy } from '@lunas/network';
import { NetworkActionLog, NetworkDevice, type NetworkAction, type SubscriptionNetworkProfile } from '@lunas/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { provisionSubscription } from '../../network/provision';
import { insertActionRow } from './action-log';
import { applyToLiveSessions, NasUnreachableError, type SessionOutcome } from './live-sessions';
import { LocalNetworkEnforcementAdapter } from './local-network-enforcement.adapter';

/**
 * Suspend / unsuspend on the mitra's network: FreeRADIUS's tables (the isolir group ahead of the package group, or
 * not) and the live sessions on its NAS (CoA / Disconnect). A mitra without a registered NAS, or a subscription
 * without a PPPoE username, has no network to act on: the local stand-in records the action as `simulated`.
 *
 * Exactly once per idempotency key (subscription + action + cycle step), also across crashes and lost ACKs:
 * 1. one transaction claims the key (`network_action_log` row, `pending`) and switches the groups;
 * 2. a second one, holding the row's lock, acts on the sessions that started before the claim, records each
 *    session's outcome as it goes and marks the row `applied`. A retry after a crash skips sessions already done,
 *    a re-sent Disconnect for a session that ended meets NAK 503 (counted as done), and a session that re-dialled
 *    after the claim already has the new attributes and is left alone.
 */
export class RadiusNetworkEnforcementAdapter implements NetworkEnforcementPort {
  readonly name = 'radius';
  private readonly local: LocalNetworkEnforcementAdapter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: RetransmitPolicy = DEFAULT_RETRANSMIT,
  ) {
    this.local = new LocalNetworkEnforcementAdapter(dataSource);
  }

  suspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.enforce('suspend', subscriber, idempotencyKey, detail);
  }

  unsuspend(subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    return this.enforce('unsuspend', subscriber, idempotencyKey, detail);
  }

  private async enforce(action: NetworkAction, subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail): Promise<NetworkEnforcementReport> {
    const hasNetwork = subscriber.pppoeUsername !== null && (await this.dataSource.manager.existsBy(NetworkDevice, { tenantId: subscriber.tenantId }));
    if (!hasNetwork) return action === 'suspend' ? this.local.suspend(subscriber, idempotencyKey, detail) : this.local.unsuspend(subscriber, idempotencyKey, detail);
    const provisioning = await this.dataSource.transaction((m) => this.claimAndProvision(m, action, subscriber, idempotencyKey, detail));
    if (provisioning === false) return { result: 'duplicate', adapter: this.name };
    const attempt = await this.dataSource.transaction(async (m): Promise<NetworkEnforcementReport | Error> => {
      const row = await m.findOne(NetworkActionLog, { where: { idempotencyKey }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.result !== 'pending') return { result: 'duplicate', adapter: this.name };
      const sessions = { ...((row.detail?.['sessions'] ?? {}) as Record<string, SessionOutcome>) };
      try {
        if (provisioning) {
          await applyToLiveSessions(
            m,
            {
              tenantId: subscriber.tenantId,
              userName: provisioning.userName,
              packageReplies: packageReplies(provisioning.package),
              isolirReplies: isolirReplies(provisioning.isolir),
              isolate: action === 'suspend',
              startedBefore: row.createdAt,
              done: sessions,
              progress: async (acctSessionId, outcome) => {
                sessions[acctSessionId] = outcome;
              },
            },
            this.policy,
          );
        }
      } catch (error) {
        if (!(error instanceof NasUnreachableError)) throw error;
        // Keep what was done and why it stopped (shown with the action); the activity's retry resumes from here.
        await m.update(NetworkActionLog, { id: row.id }, { detail: { ...row.detail, sessions, lastError: error.message } as never });
        return error;
      }
      await m.update(NetworkActionLog, { id: row.id }, { result: 'applied', completedAt: new Date(), detail: { ...row.detail, sessions, lastError: undefined } as never });
      return { result: 'applied', adapter: this.name };
    });
    if (attempt instanceof Error) throw attempt;
    return attempt;
  }

  /**
   * Claims the key and writes the FreeRADIUS rows; answers what was written (null: the subscription has no PPPoE
   * user), or false when the key was completed before.
   */
  private async claimAndProvision(
    m: EntityManager, action: NetworkAction, subscriber: NetworkSubscriber, idempotencyKey: string, detail: NetworkActionDetail,
  ): Promise<SubscriptionNetworkProfile | null | false> {
    await insertActionRow(m, { action, subscriber, idempotencyKey, detail, result: 'pending', adapter: this.name });
    const row = await m.findOneOrFail(NetworkActionLog, { where: { idempotencyKey }, lock: { mode: 'pessimistic_write' } });
    if (row.result !== 'pending') return false;
    return provisionSubscription(m, subscriber.subscriptionId, action === 'suspend');
  }
}
