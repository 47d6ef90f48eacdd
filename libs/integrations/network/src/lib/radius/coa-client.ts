import { createSocket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { describeErrorCause, errorCauseCode } from './error-cause';
import type { ReplyAttribute } from './profiles';
import { encodeAttributes, radius } from './radius-codec';

/** Where a NAS's Dynamic Authorization server listens and the secret it shares with us. */
export interface DynamicAuthorizationTarget {
  address: string;
  /** 3799 (RFC 5176; RouterOS v7) or 1700 (older RouterOS), per NAS. */
  port: number;
  secret: string;
}

/** Which session: User-Name always, Acct-Session-Id when accounting knows it (RFC 5176 §3 SHOULD). */
export interface SessionIdentity {
  userName: string;
  acctSessionId?: string;
  framedIpAddress?: string | null;
}

export type DynamicAuthorizationRequest =
  | ({ kind: 'coa'; attributes: ReplyAttribute[] } & SessionIdentity)
  | ({ kind: 'disconnect' } & SessionIdentity);

/**
 * `ack`: done. `nak`: refused, with the Error-Cause and an operator line. `timeout`: no valid answer after every try
 * (the NAS may or may not have acted: the caller retries later with a new request, which a NAS answers with NAK 503
 * once the session is gone).
 */
export type DynamicAuthorizationResult =
  | { status: 'ack'; tries: number }
  | { status: 'nak'; errorCause?: number; message: string; tries: number }
  | { status: 'timeout'; tries: number };

export interface RetransmitPolicy {
  /** Wait for the first answer; RFC 5080 §2.2.1 suggests 2 s initial retransmission time, a LAN NAS answers in ms. */
  firstTimeoutMs: number;
  /** Each retry waits this many times longer (exponential backoff). */
  backoff: number;
  tries: number;
}

/** 3 tries, 1 s then 2 s then 4 s: a lost packet is repaired within 7 s, well inside the 300 s Event-Timestamp window. */
export const DEFAULT_RETRANSMIT: RetransmitPolicy = { firstTimeoutMs: 1_000, backoff: 2, tries: 3 };

/**
 * Sends one CoA-Request or Disconnect-Request (RFC 5176) and waits for its ACK or NAK. Retransmissions reuse the same
 * packet, Identifier, Authenticator, Event-Timestamp and source port, so the NAS recognises a duplicate (§2.3) and
 * answers it again without applying it twice. Answers that fail the Response Authenticator check are ignored.
 */
export async function sendDynamicAuthorization(
  target: DynamicAuthorizationTarget,
  request: DynamicAuthorizationRequest,
  policy: RetransmitPolicy = DEFAULT_RETRANSMIT,
  now: () => Date = () => new Date(),
): Promise<DynamicAuthorizationResult> {
  const code = request.kind === 'coa' ? 'CoA-Request' : 'Disconnect-Request';
  const identification: ReplyAttribute[] = [
    { attribute: 'User-Name', value: request.userName },
    ...(request.acctSessionId ? [{ attribute: 'Acct-Session-Id', value: request.acctSessionId }] : []),
    ...(request.framedIpAddress ? [{ attribute: 'Framed-IP-Address', value: request.framedIpAddress }] : []),
  ];
  const packet = radius.encode({
    code,
    secret: target.secret,
    identifier: randomInt(256),
    attributes: [
      ...encodeAttributes([...identification, ...(request.kind === 'coa' ? request.attributes : [])]),
      ['Event-Timestamp', now()],
    ],
  });
  const socket = createSocket(target.address.includes(':') ? 'udp6' : 'udp4');
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<DynamicAuthorizationResult>((resolve, reject) => {
      let tries = 0;
      const send = (waitMs: number): void => {
        if (tries === policy.tries) {
          resolve({ status: 'timeout', tries });
          return;
        }
        tries += 1;
        socket.send(packet, target.port, target.address, (error) => error && reject(error));
        timer = setTimeout(() => send(waitMs * policy.backoff), waitMs);
      };
      socket.on('error', reject);
      socket.on('message', (message) => {
        const answer = decodeAnswer(packet, message, target.secret);
        if (!answer) return;
        clearTimeout(timer);
        if (answer.code.endsWith('-ACK')) resolve({ status: 'ack', tries });
        else {
          const errorCause = errorCauseCode(answer.attributes['Error-Cause']);
          resolve({ status: 'nak', errorCause, message: describeErrorCause(errorCause), tries });
        }
      });
      socket.bind(0, () => send(policy.firstTimeoutMs));
    });
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}

/** The answer to `request` if it is one (same Identifier, valid Response Authenticator), else undefined. */
function decodeAnswer(request: Buffer, message: Buffer, secret: string): { code: string; attributes: Record<string, unknown> } | undefined {
  if (message.length < 20 || message[1] !== request[1]) return undefined;
  try {
    if (!radius.verify_response({ request, response: Buffer.from(message), secret })) return undefined;
    const decoded = radius.decode({ packet: message, secret });
    return ['CoA-ACK', 'CoA-NAK', 'Disconnect-ACK', 'Disconnect-NAK'].includes(decoded.code) ? decoded : undefined;
  } catch {
    return undefined;
  }
}
