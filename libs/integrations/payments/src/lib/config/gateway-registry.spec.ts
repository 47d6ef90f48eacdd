import { fixtureBytes } from '../../../test/fixtures';
import { MidtransGateway } from '../adapters/midtrans';
import { SandboxGateway } from '../adapters/sandbox';
import { PaymentsError } from '../gateway/errors';
import { PaymentGatewayRegistry } from './gateway-registry';
import { parsePaymentsConfig } from './payments-config';

const NOW = new Date('2026-08-01T00:00:00Z');
const unusedFetch = () => Promise.reject(new Error('no HTTP in this test'));

function registry(config: unknown): PaymentGatewayRegistry {
  return new PaymentGatewayRegistry(parsePaymentsConfig(config), { fetch: unusedFetch });
}

const midtransAccount = (serverKey: string) => ({ gateway: 'midtrans', environment: 'sandbox', serverKey });

describe(PaymentGatewayRegistry.name, () => {
  describe('forTenant', () => {
    it("gives a tenant its own account, and others the platform's default", () => {
      const gateways = registry({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:3000', secret: 's' }, tenants: { 'mitra-a': midtransAccount('k') } });

      expect(gateways.forTenant('mitra-a')).toBeInstanceOf(MidtransGateway);
      expect(gateways.forTenant('mitra-b')).toBeInstanceOf(SandboxGateway);
    });

    it("gives a tenant whose settings choose the platform's account the default, also when it has its own", () => {
      const gateways = registry({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:3000', secret: 's' }, tenants: { 'mitra-a': midtransAccount('k') } });

      expect(gateways.forTenant('mitra-a', false)).toBeInstanceOf(SandboxGateway);
      expect([gateways.accountIdOf('mitra-a', false), gateways.accountIdOf('mitra-a', true)]).toEqual(['default', 'mitra-a']);
    });

    it('refuses a tenant with no account and no default, with the Indonesian message', () => {
      const gateways = registry({ tenants: { 'mitra-a': midtransAccount('k') } });

      expect(() => gateways.forTenant('mitra-b')).toThrow(new PaymentsError('GATEWAY_NOT_CONFIGURED', 'Gateway pembayaran belum dikonfigurasi untuk mitra ini'));
    });
  });

  describe('serves', () => {
    it("binds a tenant's own account to that tenant, and the default account to the tenants without one", () => {
      const gateways = registry({ default: { gateway: 'sandbox', baseUrl: 'http://127.0.0.1:3000', secret: 's' }, tenants: { 'mitra-a': midtransAccount('k') } });

      expect([gateways.serves('mitra-a', 'mitra-a'), gateways.serves('mitra-a', 'mitra-b'), gateways.serves('default', 'mitra-b'), gateways.serves('default', 'mitra-a')])
        .toEqual([true, false, true, false]);
      expect([gateways.accountIdOf('mitra-a'), gateways.accountIdOf('mitra-b')]).toEqual(['mitra-a', 'default']);
    });

    it('serves nobody from an account that is not configured (any more)', () => {
      const gateways = registry({ tenants: { 'mitra-a': midtransAccount('k') } });

      expect([gateways.serves('default', 'mitra-b'), gateways.serves('mitra-c', 'mitra-c')]).toEqual([false, false]);
    });
  });

  describe('verifyWebhook', () => {
    it('reports which account authenticated the notification', () => {
      const gateways = registry({ tenants: { 'mitra-a': midtransAccount('SB-Mid-server-OTHER'), 'mitra-b': midtransAccount('SB-Mid-server-TEST') } });

      const result = gateways.verifyWebhook('midtrans', fixtureBytes('midtrans/bca-va-settlement.json'), {}, NOW);

      expect(result.ok && [result.accountId, result.events[0].orderId]).toEqual(['mitra-b', 'bca-va-01']);
    });

    it('rejects a notification no account can authenticate', () => {
      const gateways = registry({ tenants: { 'mitra-a': midtransAccount('SB-Mid-server-OTHER') } });

      expect(gateways.verifyWebhook('midtrans', fixtureBytes('midtrans/bca-va-settlement.json'), {}, NOW)).toEqual({
        ok: false,
        rejection: { reason: 'bad_signature', detail: 'signature_key mismatch' },
      });
    });

    it('rejects a webhook for a gateway without any account', () => {
      const gateways = registry({ tenants: { 'mitra-a': midtransAccount('k') } });

      expect(gateways.verifyWebhook('tripay', Buffer.from('{}'), {}, NOW)).toEqual({ ok: false, rejection: { reason: 'bad_signature', detail: 'no tripay account is configured' } });
    });

    it('keeps the most telling rejection: missing for one account stays missing, not bad', () => {
      const gateways = registry({ tenants: { a: { gateway: 'xendit', secretKey: 's', callbackToken: 't1' }, b: { gateway: 'xendit', secretKey: 's', callbackToken: 't2' } } });

      expect(gateways.verifyWebhook('xendit', Buffer.from('{}'), {}, NOW)).toMatchObject({ ok: false, rejection: { reason: 'missing_signature' } });
    });
  });
});
