import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { attributesOf, encodeSentence, SentenceReader, tagOf } from '../routeros/api-codec';
import { ROUTEROS_ANONYMOUS_CIPHERS } from '../routeros/api-client';

/** An item of a RouterOS menu as the API prints it (`.id` and the properties). */
export type RouterOsItem = Record<string, string>;

/** A command the simulator received, with what it answered (for the page and tests). */
export interface RouterOsCommandRecord {
  at: Date;
  words: string[];
  reply: 'done' | 'trap' | 'fatal';
  message?: string;
}

export interface RouterOsSimulatorOptions {
  /** API users (`/user` with the `api` policy): name → password. */
  users: Record<string, string>;
  /** PPP profiles and the address list each puts its sessions in (RouterOS `/ppp/profile address-list=`). */
  profiles?: Record<string, { addressList?: string }>;
  tls?: boolean;
  port?: number;
  /** After `/ppp/active/remove` the customer's router dials again after this long (0 = never). */
  redialAfterMs?: number;
}

/** The menus the simulator serves, with the property a `?name=value` query and `add` defaults use. */
const MENUS = ['/ppp/secret', '/ppp/active', '/ppp/profile', '/ip/firewall/address-list'] as const;
type Menu = (typeof MENUS)[number];

class Trap extends Error {}

/**
 * A MikroTik router as far as the RouterOS API goes, on loopback: the documented sentence / word encoding (plain or
 * `api-ssl` with the anonymous-DH ciphers a router without certificate offers), `/login`, `.tag`, `!re` / `!done` /
 * `!trap` / `!fatal`, and the menus enforcement uses: PPP secrets and profiles, active PPP sessions (a removed session
 * dials again with its secret's profile now) and firewall address lists (an entry that exists already is refused as
 * RouterOS does: "failure: already have such entry").
 */
export class RouterOsSimulator {
  readonly commands: RouterOsCommandRecord[] = [];
  private readonly items = new Map<Menu, RouterOsItem[]>(MENUS.map((menu) => [menu, []]));
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private nextId = 1;
  private nextAddress = 2;
  /** Traps the next command whose word is given, with the message (a fault a test switches on). */
  readonly trapNext = new Map<string, string>();

  constructor(private readonly options: RouterOsSimulatorOptions) {
    for (const [name, profile] of Object.entries(options.profiles ?? {})) this.insert('/ppp/profile', { name, 'address-list': profile.addressList ?? '' });
  }

  async listen(): Promise<number> {
    const handler = (socket: Socket) => this.serve(socket);
    this.server = this.options.tls ? createTlsServer({ ciphers: ROUTEROS_ANONYMOUS_CIPHERS, dhparam: 'auto', maxVersion: 'TLSv1.2' }, handler) : createTcpServer(handler);
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The items of a menu, e.g. `print('/ip/firewall/address-list')`. */
  print(menu: Menu): RouterOsItem[] {
    return (this.items.get(menu) ?? []).map((item) => ({ ...item }));
  }

  /** Adds a PPP secret (what the ISP's operator configured on the router). */
  addSecret(name: string, password: string, profile = 'default'): void {
    this.insert('/ppp/secret', { name, password, profile, service: 'pppoe', disabled: 'false' });
  }

  /** The customer's router dials: a session when the secret exists and is enabled; its profile's address list applies. */
  dial(name: string, password: string): RouterOsItem | null {
    const secret = this.find('/ppp/secret', (item) => item['name'] === name);
    if (!secret || secret['password'] !== password || secret['disabled'] === 'true') return null;
    const address = `10.20.${Math.floor(this.nextAddress / 250)}.${(this.nextAddress % 250) + 2}`;
    this.nextAddress++;
    const session = this.insert('/ppp/active', { name, service: 'pppoe', address, 'caller-id': `02:00:00:00:00:${(this.nextAddress % 256).toString(16).padStart(2, '0')}`, uptime: '0s', 'started-at': String(Date.now()) });
    const list = this.find('/ppp/profile', (item) => item['name'] === secret['profile'])?.['address-list'];
    if (list) this.insert('/ip/firewall/address-list', { list, address, dynamic: 'true', comment: '' });
    return session;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new SentenceReader();
    let loggedIn = false;
    socket.on('data', (chunk: Buffer) => {
      let sentences: string[][];
      try {
        sentences = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const words of sentences) {
        if (words.length === 0) continue;
        const tag = tagOf(words);
        const tagged = (reply: string[]) => (tag === undefined ? reply : [...reply, `.tag=${tag}`]);
        const send = (reply: string[]) => socket.write(encodeSentence(tagged(reply)));
        const [command] = words;
        if (!loggedIn && command !== '/login') {
          this.commands.push({ at: new Date(), words, reply: 'fatal', message: 'not logged in' });
          socket.write(encodeSentence(['!fatal', 'not logged in']));
          socket.end();
          return;
        }
        try {
          const injected = this.trapNext.get(command);
          if (injected !== undefined) {
            this.trapNext.delete(command);
            throw new Trap(injected);
          }
          const { rows, ret } = command === '/login' ? this.login(words) : this.execute(command, words);
          if (command === '/login') loggedIn = true;
          for (const row of rows) send(['!re', ...Object.entries(row).map(([name, value]) => `=${name}=${value}`)]);
          send(ret === undefined ? ['!done'] : ['!done', `=ret=${ret}`]);
          this.commands.push({ at: new Date(), words: redacted(words), reply: 'done' });
        } catch (error) {
          if (!(error instanceof Trap)) throw error;
          send(['!trap', `=message=${error.message}`]);
          send(['!done']);
          this.commands.push({ at: new Date(), words: redacted(words), reply: 'trap', message: error.message });
        }
      }
    });
  }

  private login(words: string[]): { rows: RouterOsItem[]; ret?: string } {
    const { name, password } = attributesOf(words);
    if (name === undefined || this.options.users[name] === undefined || this.options.users[name] !== password) throw new Trap('invalid user name or password (6)');
    return { rows: [] };
  }

  private execute(command: string, words: string[]): { rows: RouterOsItem[]; ret?: string } {
    const split = command.lastIndexOf('/');
    const menu = command.slice(0, split) as Menu;
    const verb = command.slice(split + 1);
    if (!MENUS.includes(menu)) throw new Trap('no such command prefix');
    const attributes = attributesOf(words);
    const item = (): RouterOsItem => {
      const found = this.find(menu, (candidate) => candidate['.id'] === attributes['.id']);
      if (!found) throw new Trap('no such item');
      return found;
    };
    switch (verb) {
      case 'print': {
        const queries = words.filter((word) => word.startsWith('?')).map((word) => word.slice(1).split('=') as [string, string]);
        return { rows: this.print(menu).filter((candidate) => queries.every(([name, value]) => (candidate[name] ?? '') === value)).map(withUptime) };
      }
      case 'add': {
        const { '.tag': _tag, ...values } = attributes;
        if (menu === '/ip/firewall/address-list') {
          if (this.find(menu, (c) => c['list'] === values['list'] && c['address'] === values['address'])) throw new Trap('failure: already have such entry');
          return { rows: [], ret: this.insert(menu, { comment: '', dynamic: 'false', ...values })['.id'] };
        }
        if (menu === '/ppp/secret' && this.find(menu, (c) => c['name'] === values['name'])) throw new Trap('failure: secret with the same name already exists');
        return { rows: [], ret: this.insert(menu, values)['.id'] };
      }
      case 'set': {
        const target = item();
        const { '.id': _id, '.tag': _tag, ...values } = attributes;
        if (values['profile'] !== undefined && !this.find('/ppp/profile', (c) => c['name'] === values['profile'])) throw new Trap(`input does not match any value of profile`);
        Object.assign(target, values);
        return { rows: [] };
      }
      case 'remove': {
        const target = item();
        this.remove(menu, target);
        if (menu === '/ppp/active') this.hangUp(target);
        return { rows: [] };
      }
      default:
        throw new Trap('no such command');
    }
  }

  /** A removed session: its dynamic address-list entry goes with it; the customer's router dials again. */
  private hangUp(session: RouterOsItem): void {
    const dynamic = this.find('/ip/firewall/address-list', (c) => c['address'] === session['address'] && c['dynamic'] === 'true');
    if (dynamic) this.remove('/ip/firewall/address-list', dynamic);
    const redial = this.options.redialAfterMs ?? 0;
    const secret = this.find('/ppp/secret', (c) => c['name'] === session['name']);
    if (redial > 0 && secret) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.dial(secret['name'], secret['password']);
      }, redial);
      this.timers.add(timer);
    }
  }

  private insert(menu: Menu, values: RouterOsItem): RouterOsItem {
    const item = { '.id': `*${(this.nextId++).toString(16).toUpperCase()}`, ...values };
    this.items.get(menu)?.push(item);
    return item;
  }

  private remove(menu: Menu, item: RouterOsItem): void {
    const list = this.items.get(menu) ?? [];
    list.splice(list.indexOf(item), 1);
  }

  private find(menu: Menu, match: (item: RouterOsItem) => boolean): RouterOsItem | undefined {
    return this.items.get(menu)?.find(match);
  }
}

/** `/ppp/active` rows carry `uptime` as RouterOS prints it (e.g. `1h2m3s`), from the simulator's start time. */
function withUptime(item: RouterOsItem): RouterOsItem {
  const startedAt = item['started-at'];
  if (startedAt === undefined) return item;
  const { 'started-at': _started, ...rest } = item;
  return { ...rest, uptime: formatUptime(Date.now() - Number(startedAt)) };
}

function formatUptime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const parts: Array<[number, string]> = [[Math.floor(seconds / 86400), 'd'], [Math.floor(seconds / 3600) % 24, 'h'], [Math.floor(seconds / 60) % 60, 'm'], [seconds % 60, 's']];
  const text = parts.filter(([value]) => value > 0).map(([value, unit]) => `${value}${unit}`).join('');
  return text || '0s';
}

/** Passwords never appear on the page or in test output. */
function redacted(words: string[]): string[] {
  return words.map((word) => (word.startsWith('=password=') ? '=password=***' : word));
}
