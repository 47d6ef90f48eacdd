import { inspect } from 'node:util';
import { PaymentsError } from '../gateway/errors';
import { parsePaymentsConfig, paymentsConfigFromEnv, PAYMENTS_CONFIG_ENV } from './payments-config';

const SERVER_KEY = 'SB-Mid-server-VERY-SECRET';
const valid = {
  default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:3000/', secret: 'sandbox-secret' },
  tenants: {
    'mitra-a': { gateway: 'midtrans', environment: 'production', serverKey: SERVER_KEY, defaultBank: 'bri' },
    'mitra-b': { gateway: 'xendit', secretKey: 'xnd_secret', callbackToken: 'xnd_token' },
    'mitra-c': { gateway: 'tripay', environment: 'sandbox', merchantCode: 'T0001', apiKey: 'DEV-key', privateKey: 'priv', channels: { ewallet: 'DANA' } },
  },
};

describe('parsePaymentsConfig', () => {
  it('reads default and per-tenant accounts, trimming a trailing slash from URLs', () => {
    const config = parsePaymentsConfig(valid);

    expect(config.default).toMatchObject({ gateway: 'sandbox', baseUrl: 'http://127.0.0.1:3000' });
    expect(Object.keys(config.tenants)).toEqual(['mitra-a', 'mitra-b', 'mitra-c']);
    expect(config.tenants['mitra-a']).toMatchObject({ gateway: 'midtrans', environment: 'production', defaultBank: 'bri' });
    expect(config.tenants['mitra-c']).toMatchObject({ merchantCode: 'T0001', channels: { ewallet: 'DANA' } });
  });

  it('keeps secrets out of JSON, string and inspect output', () => {
    const config = parsePaymentsConfig(valid);

    for (const printed of [JSON.stringify(config), inspect(config, { depth: 5 }), `${config.tenants['mitra-a'] && (config.tenants['mitra-a'] as { serverKey: unknown }).serverKey}`]) {
      expect(printed).not.toContain(SERVER_KEY);
      expect(printed).not.toContain('sandbox-secret');
      expect(printed).toContain('redacted');
    }
  });

  it('reveals a secret only on request', () => {
    const account = parsePaymentsConfig(valid).tenants['mitra-a'];

    expect(account.gateway === 'midtrans' && account.serverKey.reveal()).toBe(SERVER_KEY);
  });

  it('lists every problem by path in Indonesian, without echoing secret values', () => {
    const broken = {
      tenants: {
        'mitra-x': { gateway: 'midtrans', environment: 'staging', serverKey: '' },
        'mitra-y': { gateway: 'doku' },
        'mitra-z': { gateway: 'sandbox', baseUrl: 'ftp://host', secret: 'ok' },
      },
    };

    const failure = (() => {
      try {
        parsePaymentsConfig(broken);
        return undefined;
      } catch (error) {
        return error as PaymentsError;
      }
    })();

    expect(failure).toBeInstanceOf(PaymentsError);
    expect(failure?.code).toBe('INVALID_GATEWAY_CONFIG');
    expect(failure?.message).toBe(
      'Konfigurasi gateway pembayaran tidak valid: ' +
        'tenants.mitra-x.environment harus salah satu dari: sandbox, production; ' +
        'tenants.mitra-x.serverKey wajib diisi (teks); ' +
        'tenants.mitra-y.gateway harus salah satu dari: midtrans, xendit, tripay, sandbox; ' +
        'tenants.mitra-z.baseUrl harus berupa URL http(s)',
    );
  });
});

describe('paymentsConfigFromEnv', () => {
  it('reads the JSON from the environment variable', () => {
    const config = paymentsConfigFromEnv({ [PAYMENTS_CONFIG_ENV]: JSON.stringify(valid) });

    expect(config.default?.gateway).toBe('sandbox');
  });

  it('yields no accounts when the variable is unset', () => {
    expect(paymentsConfigFromEnv({})).toEqual({ tenants: {} });
  });

  it('refuses invalid JSON without printing it', () => {
    expect(() => paymentsConfigFromEnv({ [PAYMENTS_CONFIG_ENV]: `{"serverKey":"${SERVER_KEY}"` })).toThrow(
      'Konfigurasi gateway pembayaran tidak valid: LUNAS_PAYMENTS_CONFIG bukan JSON yang valid',
    );
  });
});
