import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomBytes, randomInt } from 'node:crypto';
import { ERROR_CAUSES } from '../radius/error-cause';
import { radius } from '../radius/radius-codec';

/** A PPPoE session the lab NAS holds, with what RADIUS told it to apply. */
export interface LabSession {
  acctSessionId: string;
  userName: string;
  framedIpAddress: string;
  rateLimit: string | null;
  /** RouterOS PPP profile (`Mikrotik-Group`). */
  profile: string | null;
  pool: string | null;
  addressList: string | null;
  sessionTimeout: number | null;
  startedAt: Date;
}

/** What happened, for the page and for tests: dials, rejects, CoAs, cuts. */
export interface LabEvent {
  at: Date;
  kind: 'dial' | 'reject' | 'coa' | 'disconnect' | 'nak' | 'duplicate' | 'dropped' | 'hangup';
  userName: string;
  detail: string;
}

/** Faults a test (or a person on the page) can switch on. */
export interface LabFaults {
  /** Apply the next N requests but lose their answers (the "ACK lost" case). */
  dropReplies: number;
  /** Answer nothing at all (the NAS is down). */
  silent: boolean;
  /** NAK every request with this Error-Cause instead of acting. */
  nakWith: number | null;
}

/** The RADIUS server the lab NAS authenticates and accounts against (FreeRADIUS on loopback). */
export interface LabRadiusServer {
  address: string;
  authPort: number;
  acctPort: number;
}

export interface LabNasOptions {
  /** Shared secret of the NAS: used by FreeRADIUS's client entry and by Lunas's CoA/Disconnect requests. */
  secret: string;
  /** Port of the Dynamic Authorization server (CoA / Disconnect), 0 = any free port. */
  coaPort?: number;
  /** The address the NAS reports as NAS-IP-Address (the address of its `network_devices` row). */
  nasIpAddress?: string;
  radiusServer?: LabRadiusServer;
  /** After a Disconnect the customer's router dials again after this long (0 = never). */
  redialAfterMs?: number;
  /** RFC 5176 §6.3: requests whose Event-Timestamp is outside this window are silently discarded. */
  eventWindowSeconds?: number;
}

const IDENTIFICATION = new Set(['User-Name', 'Acct-Session-Id', 'Framed-IP-Address', 'NAS-IP-Address', 'NAS-Identifier', 'Event-Timestamp', 'Message-Authenticator']);
/** What RouterOS applies through CoA (its RADIUS manual); Framed-Pool and Mikrotik-Address-List are not among them. */
const COA_SETTABLE = new Set(['Mikrotik-Rate-Limit', 'Mikrotik-Group', 'Session-Timeout', 'Idle-Timeout', 'Filter-Id']);

/**
 * A local router simulator: holds PPPoE sessions, dials them through RADIUS (Access-Request, then Accounting
 * Start/Stop so `radacct` shows them), and answers CoA-Request / Disconnect-Request (RFC 5176) on loopback the way
 * RouterOS does: only its CoA attribute list applies live, duplicates (same source, port, Identifier and
 * Authenticator) are answered again without acting twice, stale Event-Timestamps are dropped.
 */
export class LabNas {
  readonly sessions = new Map<string, LabSession>();
  readonly events: LabEvent[] = [];
  readonly faults: LabFaults = { dropReplies: 0, silent: false, nakWith: null };
  private socket?: Socket;
  private readonly answered = new Map<string, { at: number; authenticator: string; reply: Buffer }>();
  private readonly passwords = new Map<string, string>();
  private readonly redials = new Set<NodeJS.Timeout>();
  private nextIp = 2;

  constructor(private readonly options: LabNasOptions) {}

  get nasIpAddress(): string {
    return this.options.nasIpAddress ?? '127.0.0.1';
  }

  /** Starts the CoA server; answers its port. */
  async listen(): Promise<number> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (message, peer) => this.onRequest(message, peer));
    await new Promise<void>((resolve) => socket.bind(this.options.coaPort ?? 0, '127.0.0.1', resolve));
    return socket.address().port;
  }

  async close(): Promise<void> {
    for (const timer of this.redials) clearTimeout(timer);
    this.redials.clear();
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
  }

  /** A session that exists without RADIUS (tests of CoA/Disconnect alone). */
  holdSession(session: Omit<LabSession, 'startedAt' | 'acctSessionId'> & { acctSessionId?: string }): LabSession {
    const held: LabSession = { ...session, acctSessionId: session.acctSessionId ?? randomBytes(4).toString('hex').toUpperCase(), startedAt: new Date() };
    this.sessions.set(held.acctSessionId, held);
    this.record('dial', held.userName, `sesi ${held.acctSessionId} ${held.framedIpAddress} (tanpa RADIUS)`);
    return held;
  }

  /** The customer's router dials: Access-Request with PAP, then Accounting Start. Null when RADIUS rejects. */
  async dial(userName: string, password: string): Promise<LabSession | null> {
    const server = this.requireServer();
    this.passwords.set(userName, password);
    const reply = await this.exchange(server.authPort, 'Access-Request', [
      ['User-Name', userName],
      ['User-Password', password],
      ['NAS-IP-Address', this.nasIpAddress],
      ['NAS-Port-Type', 'Virtual'],
      ['Service-Type', 'Framed-User'],
      ['Framed-Protocol', 'PPP'],
    ]);
    if (reply.code !== 'Access-Accept') {
      this.record('reject', userName, String(reply.attributes['Reply-Message'] ?? reply.code));
      return null;
    }
    const vendor = (reply.attributes['Vendor-Specific'] ?? {}) as Record<string, unknown>;
    const pool = stringOrNull(reply.attributes['Framed-Pool']);
    const session: LabSession = {
      acctSessionId: randomBytes(4).toString('hex').toUpperCase(),
      userName,
      framedIpAddress: `10.${pool?.includes('isolir') ? 99 : 10}.${Math.floor(this.nextIp / 250)}.${(this.nextIp++ % 250) + 2}`,
      rateLimit: stringOrNull(vendor['Mikrotik-Rate-Limit']),
      profile: stringOrNull(vendor['Mikrotik-Group']),
      pool,
      addressList: stringOrNull(vendor['Mikrotik-Address-List']),
      sessionTimeout: typeof reply.attributes['Session-Timeout'] === 'number' ? reply.attributes['Session-Timeout'] : null,
      startedAt: new Date(),
    };
    await this.account('Start', session);
    this.sessions.set(session.acctSessionId, session);
    this.record('dial', userName, `sesi ${session.acctSessionId} ${session.framedIpAddress} ${session.rateLimit ?? ''} ${session.addressList ? `address-list ${session.addressList}` : ''}`.trim());
    return session;
  }

  /** The customer's router hangs up (Accounting Stop). */
  async hangUp(acctSessionId: string, cause = 'User-Request'): Promise<void> {
    const session = this.sessions.get(acctSessionId);
    if (!session) return;
    this.sessions.delete(acctSessionId);
    await this.account('Stop', session, cause);
    this.record('hangup', session.userName, `sesi ${acctSessionId}: ${cause}`);
  }

  sessionsOf(userName: string): LabSession[] {
    return [...this.sessions.values()].filter((session) => session.userName === userName);
  }

  private onRequest(message: Buffer, peer: RemoteInfo): void {
    let request;
    try {
      request = radius.decode({ packet: message, secret: this.options.secret });
    } catch {
      return;
    }
    if (request.code !== 'CoA-Request' && request.code !== 'Disconnect-Request') return;
    const userName = String(request.attributes['User-Name'] ?? '');
    const timestamp = request.attributes['Event-Timestamp'];
    if (timestamp instanceof Date && Math.abs(Date.now() - timestamp.getTime()) > (this.options.eventWindowSeconds ?? 300) * 1_000) return;
    if (this.faults.silent) return;
    const key = `${peer.address}:${peer.port}:${request.identifier}`;
    const authenticator = request.authenticator.toString('hex');
    const seen = this.answered.get(key);
    if (seen && seen.authenticator === authenticator) {
      this.record('duplicate', userName, `${request.code} id ${request.identifier} dijawab ulang tanpa diterapkan lagi`);
      this.send(seen.reply, peer);
      return;
    }
    const { code, attributes } = this.apply(request);
    const reply = radius.encode_response({ packet: request, code, secret: this.options.secret, attributes });
    this.answered.set(key, { at: Date.now(), authenticator, reply });
    this.forgetOldAnswers();
    if (this.faults.dropReplies > 0) {
      this.faults.dropReplies -= 1;
      this.record('dropped', userName, `jawaban ${code} untuk id ${request.identifier} hilang`);
      return;
    }
    this.send(reply, peer);
  }

  private apply(request: ReturnType<typeof radius.decode>): { code: string; attributes: unknown[] } {
    const ack = request.code === 'CoA-Request' ? 'CoA-ACK' : 'Disconnect-ACK';
    const nak = (cause: number, why: string): { code: string; attributes: unknown[] } => {
      this.record('nak', String(request.attributes['User-Name'] ?? ''), `${request.code}: NAK ${cause} ${ERROR_CAUSES[cause]?.name ?? ''} (${why})`);
      return { code: request.code === 'CoA-Request' ? 'CoA-NAK' : 'Disconnect-NAK', attributes: [['Error-Cause', cause]] };
    };
    if (this.faults.nakWith !== null) return nak(this.faults.nakWith, 'gangguan yang disetel');
    const vendor = (request.attributes['Vendor-Specific'] ?? {}) as Record<string, unknown>;
    const others = [...Object.keys(request.attributes).filter((name) => name !== 'Vendor-Specific'), ...Object.keys(vendor)].filter((name) => !IDENTIFICATION.has(name));
    if (request.code === 'Disconnect-Request' && others.length > 0) return nak(401, `Disconnect hanya boleh berisi atribut identifikasi: ${others.join(', ')}`);
    const unsupported = others.filter((name) => !COA_SETTABLE.has(name));
    if (unsupported.length > 0) return nak(401, `tidak dapat diubah lewat CoA: ${unsupported.join(', ')}`);
    const userName = String(request.attributes['User-Name'] ?? '');
    const acctSessionId = request.attributes['Acct-Session-Id'];
    const matching = this.sessionsOf(userName).filter((session) => acctSessionId === undefined || session.acctSessionId === acctSessionId);
    if (matching.length === 0) return nak(503, 'sesi tidak ada');
    for (const session of matching) {
      if (request.code === 'Disconnect-Request') {
        this.disconnect(session).catch((error: Error) => this.record('reject', session.userName, error.message));
      } else {
        if (typeof vendor['Mikrotik-Rate-Limit'] === 'string') session.rateLimit = vendor['Mikrotik-Rate-Limit'];
        if (typeof vendor['Mikrotik-Group'] === 'string') session.profile = vendor['Mikrotik-Group'];
        if (typeof request.attributes['Session-Timeout'] === 'number') session.sessionTimeout = request.attributes['Session-Timeout'];
        this.record('coa', userName, `sesi ${session.acctSessionId}: ${session.rateLimit ?? '-'} profil ${session.profile ?? '-'}`);
      }
    }
    return { code: ack, attributes: [] };
  }

  /** Admin-Reset: the session ends (Accounting Stop) and the customer's router dials again a moment later. */
  private async disconnect(session: LabSession): Promise<void> {
    this.sessions.delete(session.acctSessionId);
    this.record('disconnect', session.userName, `sesi ${session.acctSessionId} diputus`);
    if (!this.options.radiusServer) return;
    await this.account('Stop', session, 'Admin-Reset');
    const password = this.passwords.get(session.userName);
    if (!password || !this.options.redialAfterMs) return;
    const timer = setTimeout(() => {
      this.redials.delete(timer);
      this.dial(session.userName, password).catch((error: Error) => this.record('reject', session.userName, error.message));
    }, this.options.redialAfterMs);
    this.redials.add(timer);
  }

  private async account(status: 'Start' | 'Stop', session: LabSession, cause?: string): Promise<void> {
    if (!this.options.radiusServer) return;
    await this.exchange(this.options.radiusServer.acctPort, 'Accounting-Request', [
      ['Acct-Status-Type', status],
      ['Acct-Session-Id', session.acctSessionId],
      ['User-Name', session.userName],
      ['NAS-IP-Address', this.nasIpAddress],
      ['NAS-Port-Type', 'Virtual'],
      ['Framed-IP-Address', session.framedIpAddress],
      ...(status === 'Stop'
        ? [['Acct-Session-Time', Math.round((Date.now() - session.startedAt.getTime()) / 1_000)], ['Acct-Terminate-Cause', cause ?? 'User-Request']]
        : []),
    ]);
  }

  /** One request to the RADIUS server and its verified reply (3 tries, 1 s apart). */
  private async exchange(port: number, code: string, attributes: unknown[]): Promise<ReturnType<typeof radius.decode>> {
    const server = this.requireServer();
    const packet = radius.encode({ code, secret: this.options.secret, identifier: randomInt(256), attributes });
    const socket = createSocket('udp4');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise((resolve, reject) => {
        let tries = 0;
        const send = (): void => {
          if (tries++ === 3) return reject(new Error(`RADIUS ${server.address}:${port} tidak menjawab ${code}`));
          socket.send(packet, port, server.address);
          timer = setTimeout(send, 1_000);
        };
        socket.on('message', (message) => {
          if (message[1] !== packet[1] || !radius.verify_response({ request: packet, response: Buffer.from(message), secret: this.options.secret })) return;
          resolve(radius.decode({ packet: message, secret: this.options.secret }));
        });
        socket.bind(0, '127.0.0.1', send);
      });
    } finally {
      clearTimeout(timer);
      socket.close();
    }
  }

  private requireServer(): LabRadiusServer {
    if (!this.options.radiusServer) throw new Error('Lab NAS tanpa server RADIUS: sesi hanya dapat dibuat dengan holdSession');
    return this.options.radiusServer;
  }

  private send(reply: Buffer, peer: RemoteInfo): void {
    this.socket?.send(reply, peer.port, peer.address);
  }

  private forgetOldAnswers(): void {
    const oldest = Date.now() - (this.options.eventWindowSeconds ?? 300) * 1_000;
    for (const [key, answer] of this.answered) if (answer.at < oldest) this.answered.delete(key);
  }

  private record(kind: LabEvent['kind'], userName: string, detail: string): void {
    this.events.push({ at: new Date(), kind, userName, detail });
    if (this.events.length > 500) this.events.shift();
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
