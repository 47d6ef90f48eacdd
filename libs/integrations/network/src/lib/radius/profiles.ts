/**
 * RADIUS groups Lunas writes for FreeRADIUS: one per package (`paket-<packageId>`) and one isolir group per mitra
 * (`isolir-<tenantId>`). A subscriber is in its package's group at priority {@link PACKAGE_PRIORITY}; isolating
 * adds the isolir group at {@link ISOLIR_PRIORITY}, which FreeRADIUS reads first (ascending priority) and which does
 * not fall through, so its replies are the only group replies the NAS gets.
 */
export const ISOLIR_PRIORITY = 0;
export const PACKAGE_PRIORITY = 10;

export interface PackageProfile {
  packageId: string;
  /** Display speed, e.g. "20 Mbps": the rate limit when `rateLimit` is not set. */
  speed: string;
  rateLimit: string | null;
  addressPool: string | null;
  sessionTimeout: number | null;
}

export interface IsolirProfile {
  tenantId: string;
  rateLimit: string;
  pool: string;
  addressList: string;
  /** RouterOS PPP profile name sent as `Mikrotik-Group`. */
  routerProfile: string;
}

/** One `radgroupreply` row. `:=` everywhere: the value replaces whatever an earlier source put in the reply. */
export interface ReplyAttribute {
  attribute: string;
  value: string;
}

export function packageGroupName(packageId: string): string {
  return `paket-${packageId}`;
}

export function isolirGroupName(tenantId: string): string {
  return `isolir-${tenantId}`;
}

/**
 * `Mikrotik-Rate-Limit` of a display speed: "20 Mbps" → `20M/20M`, "512 kbps" → `512k/512k` (symmetric; RouterOS
 * suffixes k = 1 000, M = 1 000 000). Throws on a speed it cannot read, so a package never gets no limit silently.
 */
export function rateLimitOfSpeed(speed: string): string {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([kKmMgG])b(?:ps|it\/s)\s*$/.exec(speed);
  if (!match) throw new Error(`Kecepatan paket "${speed}" tidak dapat dibaca sebagai batas kecepatan (contoh: "20 Mbps")`);
  const [, amount, unit] = match;
  const kbps = Number(amount.replace(',', '.')) * { k: 1, m: 1_000, g: 1_000_000 }[unit.toLowerCase() as 'k' | 'm' | 'g'];
  const rate = kbps % 1_000 === 0 ? `${kbps / 1_000}M` : `${Math.round(kbps)}k`;
  return `${rate}/${rate}`;
}

export function packageReplies(profile: PackageProfile): ReplyAttribute[] {
  return [
    { attribute: 'Mikrotik-Rate-Limit', value: profile.rateLimit ?? rateLimitOfSpeed(profile.speed) },
    ...(profile.addressPool ? [{ attribute: 'Framed-Pool', value: profile.addressPool }] : []),
    ...(profile.sessionTimeout ? [{ attribute: 'Session-Timeout', value: String(profile.sessionTimeout) }] : []),
  ];
}

export function isolirReplies(profile: IsolirProfile): ReplyAttribute[] {
  return [
    { attribute: 'Mikrotik-Rate-Limit', value: profile.rateLimit },
    { attribute: 'Mikrotik-Group', value: profile.routerProfile },
    { attribute: 'Framed-Pool', value: profile.pool },
    { attribute: 'Mikrotik-Address-List', value: profile.addressList },
  ];
}

/**
 * The attributes of a reply RouterOS can change on a live session through CoA (its documented list: rate limits,
 * `Mikrotik-Group`, timeouts, …). Pool and address list are not among them: a change to those needs a
 * Disconnect-Request and a re-dial.
 */
export const COA_APPLICABLE = new Set(['Mikrotik-Rate-Limit', 'Mikrotik-Group', 'Session-Timeout', 'Idle-Timeout', 'Filter-Id']);

/** The live-session action that takes a session from one reply set to another: CoA when RouterOS can apply it. */
export function liveAction(from: ReplyAttribute[], to: ReplyAttribute[]): { kind: 'coa'; attributes: ReplyAttribute[] } | { kind: 'disconnect' } {
  const value = (set: ReplyAttribute[], name: string): string | undefined => set.find((a) => a.attribute === name)?.value;
  const names = new Set([...from, ...to].map((a) => a.attribute));
  const changed = [...names].filter((name) => value(from, name) !== value(to, name));
  // A CoA can set a value but not take one away: a removed attribute needs a re-dial as well.
  if (changed.some((name) => !COA_APPLICABLE.has(name) || value(to, name) === undefined)) return { kind: 'disconnect' };
  return { kind: 'coa', attributes: to.filter((a) => COA_APPLICABLE.has(a.attribute)) };
}
