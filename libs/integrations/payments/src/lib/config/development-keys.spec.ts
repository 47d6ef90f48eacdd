import { developmentKeysIn } from './development-keys';
import { parsePaymentsConfig } from './payments-config';

describe(developmentKeysIn.name, () => {
  it('names every secret that is a known development value or a gateway test-mode key, never its value', () => {
    const config = parsePaymentsConfig({
      default: { gateway: 'sandbox', baseUrl: 'https://lunas.example.id', secret: 'published-dev-secret' },
      tenants: {
        a: { gateway: 'midtrans', environment: 'sandbox', serverKey: 'SB-Mid-server-abc' },
        b: { gateway: 'xendit', secretKey: 'xnd_development_abc', callbackToken: 'published-dev-secret' },
        c: { gateway: 'tripay', environment: 'sandbox', merchantCode: 'T1', apiKey: 'DEV-abc', privateKey: 'private-abc' },
      },
    });
    expect(developmentKeysIn(config, ['published-dev-secret'])).toEqual([
      'default.secret', 'tenants.a.serverKey', 'tenants.b.secretKey', 'tenants.b.callbackToken', 'tenants.c.apiKey',
    ]);
  });

  it('accepts production keys', () => {
    const config = parsePaymentsConfig({
      default: { gateway: 'midtrans', environment: 'production', serverKey: 'Mid-server-live' },
      tenants: { b: { gateway: 'xendit', secretKey: 'xnd_production_live', callbackToken: 'token-live' } },
    });
    expect(developmentKeysIn(config, ['published-dev-secret'])).toEqual([]);
  });
});
