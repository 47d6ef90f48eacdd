import {
  activeSessions, DEFAULT_RETRANSMIT, liveAction, sendDynamicAuthorization, type ActiveSession, type DynamicAuthorizationResult, type ReplyAttribute, type RetransmitPolicy,
} from '@lunas/network';
import { NetworkDevice } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/** What happened to one live session: `ack`, `gone` (NAK 503: it had ended), or `no-nas` (its NAS is not registered). */
export type SessionOutcome = 'ack' | 'gone' | 'no-nas';

/** A NAS that refused or did not answer: a fault, retried by the activity (a later retry of the same key resumes). */
export class NasUnreachableError extends Error {
  override readonly name = 'NasUnreachableError';
}

/** Error-Causes after which a Disconnect (and a re-dial into the new group) is the way to apply a CoA's change. */
const COA_REFUSALS_WORTH_A_DISCONNECT = new Set([401, 405, 407]);

export interface LiveSessionChange {
  tenantId: string;
  userName: string;
  /** The package group's and the isolir group's replies, as provisioning just wrote them. */
  packageReplies: ReplyAttribute[];
  isolirReplies: ReplyAttribute[];
  /** Toward isolir (suspend) or away from it (unsuspend). */
  isolate: boolean;
  /**
   * Only sessions that started before this moment: a session that started after the group switch already has the
   * new attributes (a re-dial after our own Disconnect must not be cut again).
   */
  startedBefore: Date;
  /** Sessions already handled by an earlier attempt of the same action. */
  done: Record<string, SessionOutcome>;
  /** Called after each session, so a retry resumes where this attempt stopped. */
  progress(acctSessionId: string, outcome: SessionOutcome): Promise<void>;
}

/**
 * Brings the user's live sessions (from `radacct`) to the groups FreeRADIUS now has: CoA with the attributes RouterOS
 * applies live when that is enough, else Disconnect-Request so the customer re-dials into the new group; a CoA the
 * NAS refuses as unsupported falls back to Disconnect. Each request goes to the NAS the session is on, with that
 * NAS's secret and CoA port.
 */
export async function applyToLiveSessions(m: EntityManager, change: LiveSessionChange, policy: RetransmitPolicy = DEFAULT_RETRANSMIT): Promise<Record<string, SessionOutcome>> {
  const sessions = (await activeSessions(m, [change.userName])).filter(
    (session) => !change.done[session.acctSessionId] && (!session.startedAt || session.startedAt < change.startedBefore),
  );
  if (sessions.length === 0) return change.done;
  const action = change.isolate ? liveAction(change.packageReplies, change.isolirReplies) : liveAction(change.isolirReplies, change.packageReplies);
  const outcomes = { ...change.done };
  for (const session of sessions) {
    const nas = await nasOf(m, change.tenantId, session);
    let outcome: SessionOutcome = 'no-nas';
    if (nas) {
      const target = { address: nas.address, port: nas.coaPort, secret: nas.radiusSecret ?? '' };
      const identity = { userName: session.userName, acctSessionId: session.acctSessionId, framedIpAddress: session.framedIpAddress };
      let result: DynamicAuthorizationResult =
        action.kind === 'coa'
          ? await sendDynamicAuthorization(target, { kind: 'coa', attributes: action.attributes, ...identity }, policy)
          : await sendDynamicAuthorization(target, { kind: 'disconnect', ...identity }, policy);
      if (action.kind === 'coa' && result.status === 'nak' && COA_REFUSALS_WORTH_A_DISCONNECT.has(result.errorCause ?? 0)) {
        result = await sendDynamicAuthorization(target, { kind: 'disconnect', ...identity }, policy);
      }
      outcome = settled(nas, session, result);
    }
    outcomes[session.acctSessionId] = outcome;
    await change.progress(session.acctSessionId, outcome);
  }
  return outcomes;
}

function settled(nas: NetworkDevice, session: ActiveSession, result: DynamicAuthorizationResult): SessionOutcome {
  if (result.status === 'ack') return 'ack';
  if (result.status === 'nak' && result.errorCause === 503) return 'gone';
  const why = result.status === 'timeout' ? `tidak menjawab setelah ${result.tries} kali kirim` : result.message;
  throw new NasUnreachableError(`NAS ${nas.name} (${nas.address}:${nas.coaPort}) untuk sesi ${session.acctSessionId} ${session.userName}: ${why}`);
}

/** The mitra's RADIUS NAS the session is on (matched by the address it sends accounting from). */
async function nasOf(m: EntityManager, tenantId: string, session: ActiveSession): Promise<NetworkDevice | null> {
  return m
    .createQueryBuilder(NetworkDevice, 'd')
    .addSelect('d.radiusSecret')
    .where('d.tenantId = :tenantId AND d.method = :method AND d.address = :address', { tenantId, method: 'radius', address: session.nasIpAddress })
    .getOne();
}
