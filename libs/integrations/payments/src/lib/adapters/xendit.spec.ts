import { bodyOf, fixtureBytes, fixtureJson } from '../../../test/fixtures';
import { FakeGatewayServer } from '../../../test/fake-gateway-server';
import type { CreatePaymentRequest } from '../gateway/port';
import { XenditGateway } from './xendit';

const TOKEN = 'xnd-callback-token-test-0123456789';
const SECRET_KEY = 'xnd_development_test';
const NOW = new Date('2026-08-01T00:00:00Z');
const headers = { 'x-callback-token': TOKEN, 'content-type': 'application/json' };

function gatewayAt(baseUrl = 'http://127.0.0.1:1'): XenditGateway {
  return new XenditGateway({ secretKey: SECRET_KEY, callbackToken: TOKEN, fetch, baseUrl });
}

const request: CreatePaymentRequest = {
  invoiceRef: 'INV-2026-08-0002',
  method: 'qris',
  amount: 222000,
  expiresAt: new Date('2026-08-03T00:00:00Z'),
  now: NOW,
  customer: { name: 'Siti Aminah', email: 'siti@example.id', phone: '6281298765432' },
  description: 'Internet 30 Mbps Agustus 2026',
};

describe(XenditGateway.name, () => {
  describe('verifyAndParseWebhook', () => {
    it('normalises the documented invoice PAID callback', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('xendit/invoice-paid.json'), headers, NOW);

      expect(result.ok && result.events).toEqual([
        {
          gateway: 'xendit',
          eventId: 'invoice:593f4ed1c3d3bb7f39733d83:PAID',
          gatewayTransactionId: '593f4ed1c3d3bb7f39733d83',
          orderId: 'testing-invoice',
          vaNumber: undefined,
          paymentMethod: 'ALFAMART',
          amount: 2000000,
          kind: 'paid',
          occurredAt: '2020-01-14T02:32:50.912Z',
          raw: fixtureJson('xendit/invoice-paid.json'),
        },
      ]);
    });

    it('reads the VA number of a bank-transfer invoice', () => {
      const invoice = { ...fixtureJson('xendit/invoice-paid.json'), payment_method: 'BANK_TRANSFER', payment_channel: 'MANDIRI', payment_destination: '8860861087714' };

      const result = gatewayAt().verifyAndParseWebhook(bodyOf(invoice), headers, NOW);

      expect(result.ok && result.events[0]).toMatchObject({ vaNumber: '8860861087714', paymentMethod: 'MANDIRI' });
    });

    it.each([
      ['PENDING', 'pending'],
      ['PAID', 'paid'],
      ['SETTLED', 'paid'],
      ['EXPIRED', 'expired'],
    ])('maps invoice status %s to %s', (status, kind) => {
      const result = gatewayAt().verifyAndParseWebhook(bodyOf({ ...fixtureJson('xendit/invoice-paid.json'), status }), headers, NOW);

      expect(result.ok && result.events.map((event) => [event.kind, event.eventId])).toEqual([[kind, `invoice:593f4ed1c3d3bb7f39733d83:${status}`]]);
    });

    it('normalises the fixed VA paid callback, keyed by payment_id', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('xendit/fva-paid.json'), headers, NOW);

      expect(result.ok && result.events[0]).toMatchObject({
        eventId: 'fva_payment:5f218745736e619164dc8608',
        gatewayTransactionId: '5f218745736e619164dc8608',
        orderId: 'demo-1502437214715',
        vaNumber: '999939380502',
        paymentMethod: 'VA_BNC',
        amount: 50000,
        kind: 'paid',
        occurredAt: '2021-07-24T05:22:55.115Z',
      });
    });

    it.each([
      ['SUCCEEDED', 'paid'],
      ['FAILED', 'failed'],
    ])('maps QR payment status %s to %s', (status, kind) => {
      const qr = fixtureJson('xendit/qr-payment.json');
      const body = { ...qr, data: { ...(qr['data'] as object), status } };

      const result = gatewayAt().verifyAndParseWebhook(bodyOf(body), headers, NOW);

      expect(result.ok && result.events[0]).toMatchObject({
        kind,
        eventId: `qr_payment:qrpy_8182837te-87st-49ing-8696-1239bd4d759c:${status}`,
        orderId: 'order-id-1666420204',
        amount: 10000,
        paymentMethod: 'ID_DANA',
      });
    });

    it('rejects a wrong callback token', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('xendit/invoice-paid.json'), { 'x-callback-token': `${TOKEN}x` }, NOW);

      expect(result).toEqual({ ok: false, rejection: { reason: 'bad_signature', detail: 'x-callback-token mismatch' } });
    });

    it('rejects a callback without the token header', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('xendit/invoice-paid.json'), { 'content-type': 'application/json' }, NOW);

      expect(result.ok || result.rejection.reason).toBe('missing_signature');
    });

    it('finds the token header whatever its case', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('xendit/invoice-paid.json'), { 'X-Callback-Token': TOKEN }, NOW);

      expect(result.ok).toBe(true);
    });

    it('rejects an authenticated callback of an unknown shape', () => {
      const result = gatewayAt().verifyAndParseWebhook(bodyOf({ id: 'x', event: 'capture.succeeded' }), headers, NOW);

      expect(result.ok || result.rejection.reason).toBe('malformed_payload');
    });
  });

  describe('createPayment', () => {
    let server: FakeGatewayServer;

    beforeAll(async () => {
      server = await FakeGatewayServer.start({
        'POST /v2/invoices': {
          status: 200,
          body: { id: '579c8d61f23fa4ca35e52da4', external_id: 'INV-2026-08-0002', status: 'PENDING', amount: 222000, invoice_url: 'https://checkout.xendit.co/web/579c8d61f23fa4ca35e52da4', expiry_date: '2026-08-03T00:00:00.000Z' },
        },
        'GET /v2/invoices/579c8d61f23fa4ca35e52da4': { status: 200, body: { ...fixtureJson('xendit/invoice-paid.json'), status: 'SETTLED' } },
        'GET /v2/invoices/missing': { status: 404, body: { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Could not find invoice' } },
      });
    });
    afterAll(() => server.close());

    it('creates an invoice limited to the method, with the duration in seconds and Basic auth', async () => {
      const created = await gatewayAt(server.baseUrl).createPayment(request);

      expect(server.lastRequest.headers['authorization']).toBe(`Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}`);
      expect(server.lastJsonBody()).toEqual({
        external_id: 'INV-2026-08-0002',
        amount: 222000,
        description: 'Internet 30 Mbps Agustus 2026',
        invoice_duration: 172800,
        currency: 'IDR',
        payer_email: 'siti@example.id',
        customer: { given_names: 'Siti Aminah', email: 'siti@example.id', mobile_number: '+6281298765432' },
        payment_methods: ['QRIS'],
      });
      expect(created).toEqual({
        gateway: 'xendit',
        gatewayReference: '579c8d61f23fa4ca35e52da4',
        payUrl: 'https://checkout.xendit.co/web/579c8d61f23fa4ca35e52da4',
        expiresAt: '2026-08-03T00:00:00.000Z',
      });
    });

    it('narrows a VA invoice to the requested bank', async () => {
      await gatewayAt(server.baseUrl).createPayment({ ...request, method: 'va', bank: 'bri' });

      expect(server.lastJsonBody()['payment_methods']).toEqual(['BRI']);
    });

    it('fetches an invoice status', async () => {
      await expect(gatewayAt(server.baseUrl).fetchStatus('579c8d61f23fa4ca35e52da4')).resolves.toMatchObject({ kind: 'paid', eventId: 'invoice:593f4ed1c3d3bb7f39733d83:SETTLED' });
    });

    it('passes on the gateway message of a 404', async () => {
      await expect(gatewayAt(server.baseUrl).fetchStatus('missing')).rejects.toMatchObject({ code: 'GATEWAY_REJECTED', message: 'Gateway pembayaran menolak permintaan: Could not find invoice' });
    });
  });
});
