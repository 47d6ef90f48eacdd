import { bodyOf, fixtureBytes, fixtureJson } from '../../../test/fixtures';
import { FakeGatewayServer } from '../../../test/fake-gateway-server';
import type { CreatePaymentRequest } from '../gateway/port';
import { TripayGateway, tripayCallbackSignature, tripayTransactionSignature } from './tripay';

const PRIVATE_KEY = 'private_key_anda';
const NOW = new Date('2026-08-01T00:00:00Z');
/** HMAC-SHA256 of the compact documented sample body with `private_key_anda` (INTEGRATION-FACTS 1.3). */
const DOCUMENTED_CALLBACK_SIGNATURE = '09a95b561a57e1e22fc731ae0473d7d6f8c4ee8fedab985c5a831d5510705512';
const headers = { 'x-callback-signature': DOCUMENTED_CALLBACK_SIGNATURE, 'x-callback-event': 'payment_status' };

function gatewayAt(baseUrl = 'http://127.0.0.1:1', channels?: { ewallet?: string }): TripayGateway {
  return new TripayGateway({ merchantCode: 'T0001', apiKey: 'DEV-api-key', privateKey: PRIVATE_KEY, environment: 'sandbox', fetch, baseUrl, channels, clock: () => NOW });
}

function signedHeaders(body: Buffer): Record<string, string> {
  return { 'x-callback-signature': tripayCallbackSignature(body, PRIVATE_KEY), 'x-callback-event': 'payment_status' };
}

const request: CreatePaymentRequest = {
  invoiceRef: 'INV55567',
  method: 'va',
  bank: 'bri',
  amount: 1500000,
  expiresAt: new Date('2026-08-02T00:00:00Z'),
  now: NOW,
  customer: { name: 'Nama Pelanggan', email: 'emailpelanggan@domain.com', phone: '081234567890' },
  description: 'Internet 100 Mbps Agustus 2026',
};

describe(TripayGateway.name, () => {
  describe('tripayTransactionSignature', () => {
    it('matches the documented request-signature vector', () => {
      expect(tripayTransactionSignature('T0001', 'INV55567', 1500000, 'ytf6ooi2gmlNPfpchd94jDOk8hRWOu')).toBe('9f167eba844d1fcb369404e2bda53702e2f78f7aa12e91da6715414e65b8c86a');
    });
  });

  describe('verifyAndParseWebhook', () => {
    it('accepts the documented callback with its documented signature', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('tripay/callback-paid.json'), headers, NOW);

      expect(result.ok && result.events).toEqual([
        {
          gateway: 'tripay',
          eventId: 'T0001000023000XXXXX:PAID',
          gatewayTransactionId: 'T0001000023000XXXXX',
          orderId: 'INV123456',
          paymentMethod: 'BCAVA',
          amount: 200000,
          refundedAmount: undefined,
          kind: 'paid',
          occurredAt: '2020-12-16T15:36:57.000Z',
          raw: fixtureJson('tripay/callback-paid.json'),
        },
      ]);
    });

    it('rejects the same callback re-serialised with spaces: the signature covers the raw bytes', () => {
      const reformatted = Buffer.from(JSON.stringify(fixtureJson('tripay/callback-paid.json'), null, 1));

      const result = gatewayAt().verifyAndParseWebhook(reformatted, headers, NOW);

      expect(result.ok || result.rejection.reason).toBe('bad_signature');
    });

    it('rejects a tampered amount', () => {
      const tampered = Buffer.from(fixtureBytes('tripay/callback-paid.json').toString().replace('"total_amount":200000', '"total_amount":900000'));

      expect(gatewayAt().verifyAndParseWebhook(tampered, headers, NOW)).toEqual({ ok: false, rejection: { reason: 'bad_signature', detail: 'x-callback-signature mismatch' } });
    });

    it('rejects a signature made with another private key', () => {
      const body = fixtureBytes('tripay/callback-paid.json');

      const result = gatewayAt().verifyAndParseWebhook(body, { ...headers, 'x-callback-signature': tripayCallbackSignature(body, 'another-key') }, NOW);

      expect(result.ok || result.rejection.reason).toBe('bad_signature');
    });

    it('rejects a callback without X-Callback-Signature', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('tripay/callback-paid.json'), { 'x-callback-event': 'payment_status' }, NOW);

      expect(result.ok || result.rejection.reason).toBe('missing_signature');
    });

    it('acknowledges an authenticated event other than payment_status without events', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('tripay/callback-paid.json'), { ...headers, 'x-callback-event': 'payout_status' }, NOW);

      expect(result).toEqual({ ok: true, events: [] });
    });

    it.each([
      ['UNPAID', 'pending', undefined],
      ['PAID', 'paid', undefined],
      ['FAILED', 'failed', undefined],
      ['EXPIRED', 'expired', undefined],
      ['REFUND', 'refunded', 200000],
    ])('maps status %s to %s', (status, kind, refundedAmount) => {
      const body = bodyOf({ ...fixtureJson('tripay/callback-paid.json'), status, paid_at: null });

      const result = gatewayAt().verifyAndParseWebhook(body, signedHeaders(body), NOW);

      expect(result.ok && result.events[0]).toMatchObject({ kind, refundedAmount, eventId: `T0001000023000XXXXX:${status}`, occurredAt: NOW.toISOString() });
    });

    it('credits the invoice with the total less the fee the customer paid on top', () => {
      const body = bodyOf({ ...fixtureJson('tripay/callback-paid.json'), total_amount: 204250, fee_customer: 4250 });

      const result = gatewayAt().verifyAndParseWebhook(body, signedHeaders(body), NOW);

      expect(result.ok && result.events[0].amount).toBe(200000);
    });
  });

  describe('createPayment', () => {
    let server: FakeGatewayServer;
    const data = {
      reference: 'T0001000000000000006',
      merchant_ref: 'INV55567',
      payment_method: 'BRIVA',
      pay_code: '57585748548596587',
      pay_url: null,
      checkout_url: 'https://tripay.co.id/checkout/T0001000000000000006',
      status: 'UNPAID',
      expired_time: 1785628800,
      qr_string: null,
    };

    beforeAll(async () => {
      server = await FakeGatewayServer.start({
        'POST /transaction/create': { status: 200, body: { success: true, message: '', data } },
        'GET /transaction/detail?reference=T0001000000000000006': { status: 200, body: { success: true, message: '', data: { ...data, total_amount: 1500000, fee_customer: 0, paid_at: null } } },
      });
    });
    afterAll(() => server.close());

    it('sends the closed-payment request with Bearer auth and the documented signature', async () => {
      const created = await gatewayAt(server.baseUrl).createPayment(request);

      expect(server.lastRequest.headers['authorization']).toBe('Bearer DEV-api-key');
      expect(server.lastJsonBody()).toEqual({
        method: 'BRIVA',
        merchant_ref: 'INV55567',
        amount: 1500000,
        customer_name: 'Nama Pelanggan',
        customer_email: 'emailpelanggan@domain.com',
        customer_phone: '081234567890',
        order_items: [{ name: 'Internet 100 Mbps Agustus 2026', price: 1500000, quantity: 1 }],
        expired_time: 1785628800,
        signature: tripayTransactionSignature('T0001', 'INV55567', 1500000, PRIVATE_KEY),
      });
      expect(created).toEqual({
        gateway: 'tripay',
        gatewayReference: 'T0001000000000000006',
        payUrl: 'https://tripay.co.id/checkout/T0001000000000000006',
        vaNumber: '57585748548596587',
        qrString: undefined,
        expiresAt: '2026-08-02T00:00:00.000Z',
      });
    });

    it('uses a configured e-wallet channel and refuses an unconfigured one', async () => {
      await gatewayAt(server.baseUrl, { ewallet: 'DANA' }).createPayment({ ...request, method: 'ewallet' });

      expect(server.lastJsonBody()['method']).toBe('DANA');
      await expect(gatewayAt(server.baseUrl).createPayment({ ...request, method: 'ewallet' })).rejects.toMatchObject({ code: 'METHOD_NOT_SUPPORTED' });
    });

    it('requires the customer email Tripay needs', async () => {
      await expect(gatewayAt(server.baseUrl).createPayment({ ...request, customer: { name: 'Tanpa Email' } })).rejects.toMatchObject({ code: 'INVALID_PAYMENT_REQUEST' });
    });

    it('reads an unpaid transaction detail as pending', async () => {
      await expect(gatewayAt(server.baseUrl).fetchStatus('T0001000000000000006')).resolves.toMatchObject({ kind: 'pending', amount: 1500000, occurredAt: NOW.toISOString() });
    });
  });

  describe('createPayment refusals', () => {
    it('reports success: false with the gateway message', async () => {
      const server = await FakeGatewayServer.start({ 'POST /transaction/create': { status: 200, body: { success: false, message: 'Invalid signature' } } });
      try {
        await expect(gatewayAt(server.baseUrl).createPayment(request)).rejects.toMatchObject({ code: 'GATEWAY_REJECTED', message: 'Gateway pembayaran menolak permintaan: Invalid signature' });
      } finally {
        await server.close();
      }
    });
  });
});
