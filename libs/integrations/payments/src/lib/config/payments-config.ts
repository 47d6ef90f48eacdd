import { PaymentsError } from '../gateway/errors';
import { GATEWAY_NAMES, type GatewayName } from '../gateway/events';
import { type GatewayEnvironment, VA_BANKS, type VaBank } from '../gateway/port';
import type { TripayChannels } from '../adapters/tripay';
import { isRecord } from '../shared/webhook-result';
import { Secret } from './secret';

export interface MidtransAccountConfig {
  readonly gateway: 'midtrans';
  readonly environment: GatewayEnvironment;
  readonly serverKey: Secret;
  readonly defaultBank?: VaBank;
}

export interface XenditAccountConfig {
  readonly gateway: 'xendit';
  readonly secretKey: Secret;
  readonly callbackToken: Secret;
}

export interface TripayAccountConfig {
  readonly gateway: 'tripay';
  readonly environment: GatewayEnvironment;
  readonly merchantCode: string;
  readonly apiKey: Secret;
  readonly privateKey: Secret;
  readonly defaultBank?: VaBank;
  readonly channels?: TripayChannels;
  readonly callbackUrl?: string;
}

export interface SandboxAccountConfig {
  readonly gateway: 'sandbox';
  readonly baseUrl: string;
  readonly secret: Secret;
}

/** One gateway account: which gateway and its credentials. */
export type GatewayAccountConfig = MidtransAccountConfig | XenditAccountConfig | TripayAccountConfig | SandboxAccountConfig;

/**
 * Gateway accounts: the platform's `default` account and per-tenant (mitra) own accounts. A tenant
 * without its own account uses the default; with neither, payments are refused with
 * GATEWAY_NOT_CONFIGURED.
 */
export interface PaymentsConfig {
  readonly default?: GatewayAccountConfig;
  readonly tenants: Readonly<Record<string, GatewayAccountConfig>>;
}

/** Environment variable holding the payments configuration as JSON (shape: `{ default?, tenants? }`). */
export const PAYMENTS_CONFIG_ENV = 'LUNAS_PAYMENTS_CONFIG';

/**
 * Reads the configuration from `LUNAS_PAYMENTS_CONFIG`; absent → no accounts at all.
 * @throws PaymentsError INVALID_GATEWAY_CONFIG listing every problem by path (never a secret's value).
 */
export function paymentsConfigFromEnv(env: Readonly<Record<string, string | undefined>>): PaymentsConfig {
  const json = env[PAYMENTS_CONFIG_ENV];
  if (json === undefined || json.trim() === '') return { tenants: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw PaymentsError.invalidConfig([`${PAYMENTS_CONFIG_ENV} bukan JSON yang valid`]);
  }
  return parsePaymentsConfig(parsed);
}

/** Validates a parsed configuration object; secrets are wrapped in Secret so they never reach a log. */
export function parsePaymentsConfig(input: unknown): PaymentsConfig {
  const problems: string[] = [];
  if (!isRecord(input)) throw PaymentsError.invalidConfig(['konfigurasi harus berupa objek JSON']);
  const fallback = input['default'] === undefined ? undefined : parseAccount(input['default'], 'default', problems);
  const tenantsInput = input['tenants'] ?? {};
  const tenants: Record<string, GatewayAccountConfig> = {};
  if (!isRecord(tenantsInput)) {
    problems.push('tenants harus berupa objek');
  } else {
    for (const [tenantId, account] of Object.entries(tenantsInput)) {
      const parsed = parseAccount(account, `tenants.${tenantId}`, problems);
      if (parsed) tenants[tenantId] = parsed;
    }
  }
  if (problems.length > 0) throw PaymentsError.invalidConfig(problems);
  return { default: fallback, tenants };
}

function parseAccount(input: unknown, path: string, problems: string[]): GatewayAccountConfig | undefined {
  if (!isRecord(input)) {
    problems.push(`${path} harus berupa objek`);
    return undefined;
  }
  const fields = new FieldReader(input, path, problems);
  const gateway = fields.oneOf('gateway', GATEWAY_NAMES);
  switch (gateway) {
    case 'midtrans':
      return fields.done({ gateway, environment: fields.environment(), serverKey: fields.secret('serverKey'), defaultBank: fields.optionalOneOf('defaultBank', VA_BANKS) });
    case 'xendit':
      return fields.done({ gateway, secretKey: fields.secret('secretKey'), callbackToken: fields.secret('callbackToken') });
    case 'tripay':
      return fields.done({
        gateway,
        environment: fields.environment(),
        merchantCode: fields.text('merchantCode'),
        apiKey: fields.secret('apiKey'),
        privateKey: fields.secret('privateKey'),
        defaultBank: fields.optionalOneOf('defaultBank', VA_BANKS),
        channels: fields.channels(),
        callbackUrl: fields.optionalUrl('callbackUrl'),
      });
    case 'sandbox':
      return fields.done({ gateway, baseUrl: fields.url('baseUrl'), secret: fields.secret('secret') });
    default:
      return undefined;
  }
}

/** Reads one account's fields, recording each problem (in Indonesian, for the operator) instead of stopping at the first. */
class FieldReader {
  private valid = true;

  constructor(
    private readonly input: Record<string, unknown>,
    private readonly path: string,
    private readonly problems: string[],
  ) {}

  done<T extends GatewayAccountConfig>(account: T): T | undefined {
    return this.valid ? account : undefined;
  }

  text(name: string): string {
    const value = this.input[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    return this.problem(`${this.path}.${name} wajib diisi (teks)`, '');
  }

  optionalText(name: string): string | undefined {
    return this.input[name] === undefined ? undefined : this.text(name);
  }

  secret(name: string): Secret {
    return new Secret(this.text(name));
  }

  url(name: string): string {
    const value = this.text(name);
    if (value && !/^https?:\/\/[^\s/]+/.test(value)) return this.problem(`${this.path}.${name} harus berupa URL http(s)`, '');
    return value.replace(/\/+$/, '');
  }

  optionalUrl(name: string): string | undefined {
    return this.input[name] === undefined ? undefined : this.url(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.input[name];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.problem(`${this.path}.${name} harus salah satu dari: ${allowed.join(', ')}`, undefined);
  }

  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    return this.input[name] === undefined ? undefined : this.oneOf(name, allowed);
  }

  /** Tripay `channels`: an object of channel codes keyed by qris / ewallet / card. */
  channels(): TripayChannels | undefined {
    const value = this.input['channels'];
    if (value === undefined) return undefined;
    const methods = ['qris', 'ewallet', 'card'];
    if (isRecord(value) && Object.entries(value).every(([key, code]) => methods.includes(key) && typeof code === 'string' && code.trim() !== '')) {
      return value as TripayChannels;
    }
    return this.problem(`${this.path}.channels harus objek kode kanal untuk ${methods.join(' / ')}`, undefined);
  }

  environment(): GatewayEnvironment {
    return this.oneOf('environment', ['sandbox', 'production'] as const) ?? 'sandbox';
  }

  private problem<T>(message: string, placeholder: T): T {
    this.valid = false;
    this.problems.push(message);
    return placeholder;
  }
}

export function isGatewayName(value: string): value is GatewayName {
  return (GATEWAY_NAMES as readonly string[]).includes(value);
}
