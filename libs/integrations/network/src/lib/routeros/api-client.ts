import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { attributesOf, encodeSentence, SentenceReader, tagOf } from './api-codec';

/**
 * RouterOS `api-ssl` without a certificate offers only anonymous Diffie-Hellman ciphers (help.mikrotik.com "API");
 * `HIGH` includes them (anonymous suites are not dropped here, unlike Node's default list). A self-signed router certificate is the norm, so the TLS port gives
 * encryption, not server authentication (as with Winbox); the device's address is fixed in the registry.
 */
export const ROUTEROS_TLS_CIPHERS = 'HIGH:!eNULL:!MD5:!RC4:!DES:!3DES:@SECLEVEL=0';
/** What a RouterOS `api-ssl` service without a certificate offers (the simulator's list). */
export const ROUTEROS_ANONYMOUS_CIPHERS = 'ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:ADH-AES256-SHA256:ADH-AES128-SHA256:@SECLEVEL=0';

export interface RouterOsConnection {
  host: string;
  /** 8728 (`api`) or 8729 (`api-ssl`). */
  port: number;
  tls: boolean;
  username: string;
  password: string;
  /** Connect + login, and each command, must answer within this (default 5 s). */
  timeoutMs?: number;
}

/** A reply row (`!re`): its attributes without the leading `=`. */
export type RouterOsRow = Record<string, string>;

/** The router refused a command (`!trap`): its `=message=` and `=category=` (help.mikrotik.com "API" §trap). */
export class RouterOsTrapError extends Error {
  constructor(
    readonly command: string,
    readonly routerMessage: string,
    readonly category: number | undefined,
  ) {
    super(`RouterOS menolak ${command}: ${routerMessage}`);
    this.name = 'RouterOsTrapError';
  }
}

/** The connection failed, closed, timed out or the router sent `!fatal`: nothing is known to be applied; retry. */
export class RouterOsConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouterOsConnectionError';
  }
}

interface Pending {
  command: string;
  rows: RouterOsRow[];
  trap?: RouterOsTrapError;
  resolve(rows: RouterOsRow[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A RouterOS API client over one TCP or TLS connection (hand-written to the documented encoding, `api-codec.ts`):
 * login with the v6.43+ plain `/login`, then commands tagged with `.tag` so several can be in flight; `!re` rows are
 * collected until `!done`, a `!trap` rejects the command (after its `!done`), `!fatal` or a closed socket rejects every
 * command in flight.
 */
export class RouterOsClient {
  private readonly reader = new SentenceReader();
  private readonly pending = new Map<string, Pending>();
  private nextTag = 1;
  private closedBecause: string | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(`koneksi RouterOS gagal: ${error.message}`));
    socket.on('close', () => this.fail('koneksi RouterOS tertutup'));
  }

  /** Connects and logs in; rejects with a clear reason (unreachable, TLS, wrong credentials). */
  static async connect(options: RouterOsConnection): Promise<RouterOsClient> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const target = { host: options.host, port: options.port };
      const ready = options.tls ? 'secureConnect' : 'connect';
      const socket = options.tls
        ? connectTls({ ...target, ciphers: ROUTEROS_TLS_CIPHERS, maxVersion: 'TLSv1.2', rejectUnauthorized: false, checkServerIdentity: () => undefined })
        : connectTcp(target);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RouterOsConnectionError(`RouterOS ${options.host}:${options.port} tidak menjawab dalam ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new RouterOsConnectionError(`RouterOS ${options.host}:${options.port} tidak dapat dihubungi: ${error.message}`));
      });
    });
    const client = new RouterOsClient(socket, timeoutMs);
    try {
      await client.run('/login', { name: options.username, password: options.password });
    } catch (error) {
      client.close();
      if (error instanceof RouterOsTrapError) throw new RouterOsTrapError('/login', `login gagal (${error.routerMessage})`, error.category);
      throw error;
    }
    return client;
  }

  /**
   * Runs one command: `attributes` become `=name=value` words, `queries` are `?…` words as written (e.g.
   * `?name=budi`). Answers the `!re` rows.
   */
  run(command: string, attributes: Record<string, string> = {}, queries: string[] = []): Promise<RouterOsRow[]> {
    if (this.closedBecause) return Promise.reject(new RouterOsConnectionError(this.closedBecause));
    const tag = String(this.nextTag++);
    const words = [command, ...Object.entries(attributes).map(([name, value]) => `=${name}=${value}`), ...queries, `.tag=${tag}`];
    return new Promise<RouterOsRow[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(tag);
        reject(new RouterOsConnectionError(`RouterOS tidak menjawab ${command} dalam ${this.timeoutMs} ms`));
        // The answer may still come and apply: the connection is no longer trustworthy.
        this.close();
      }, this.timeoutMs);
      this.pending.set(tag, { command, rows: [], resolve, reject, timer });
      this.socket.write(encodeSentence(words));
    });
  }

  close(): void {
    this.fail('koneksi RouterOS ditutup');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let sentences: string[][];
    try {
      sentences = this.reader.push(chunk);
    } catch (error) {
      this.fail(`RouterOS mengirim data yang tidak valid: ${(error as Error).message}`);
      this.socket.destroy();
      return;
    }
    for (const words of sentences) this.dispatch(words);
  }

  private dispatch(words: string[]): void {
    const [reply] = words;
    const attributes = attributesOf(words);
    if (reply === '!fatal') {
      this.fail(`RouterOS memutus koneksi (!fatal): ${words.slice(1).join(' ')}`);
      this.socket.destroy();
      return;
    }
    const tag = tagOf(words);
    const pending = tag === undefined ? undefined : this.pending.get(tag);
    if (!pending) return;
    if (reply === '!re') {
      pending.rows.push(attributes);
    } else if (reply === '!trap') {
      const category = attributes['category'] === undefined ? undefined : Number(attributes['category']);
      pending.trap = new RouterOsTrapError(pending.command, attributes['message'] ?? 'tanpa pesan', category);
    } else if (reply === '!done') {
      this.pending.delete(tag as string);
      clearTimeout(pending.timer);
      if (pending.trap) pending.reject(pending.trap);
      else pending.resolve(pending.rows);
    }
  }

  private fail(reason: string): void {
    this.closedBecause ??= reason;
    for (const [tag, pending] of this.pending) {
      this.pending.delete(tag);
      clearTimeout(pending.timer);
      pending.reject(new RouterOsConnectionError(reason));
    }
  }
}
