import { createHmac } from 'node:crypto';
import { FakeGatewayServer } from '../../../test/fake-gateway-server';
import type { CreatePaymentRequest } from '../gateway/port';
import { SandboxGateway, type SandboxWebhookPayload } from './sandbox';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload, verifySandboxSignature } from './sandbox-signature';

const SECRET = 'sandbox-secret-for-tests';
const NOW = new Date('2026-08-01T03:00:00Z');
const UNIX_NOW = NOW.getTime() / 1000;

const payload: SandboxWebhookPayload = {
  id: 'evt_01J8Z3',
  type: 'payment.paid',
  created_at: '2026-08-01T02:59:58.000Z',
  data: {
    reference: 'SBX-7F3K2',
    order_id: 'INV-2026-08-0003',
    status: 'paid',
    method: 'va',
    va_number: '8808123456789012',
    amount: 100000,
    updated_at: '2026-08-01T02:59:58.000Z',
  },
};
const body = Buffer.from(JSON.stringify(payload));

function gatewayAt(baseUrl = 'http://127.0.0.1:1'): SandboxGateway {
  return new SandboxGateway({ baseUrl, secret: SECRET, fetch, clock: () => NOW });
}

function signedAt(when: Date, rawBody = body, secret = SECRET): Record<string, string> {
  return { [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(rawBody, secret, when) };
}

describe(SandboxGateway.name, () => {
  describe('signSandboxPayload', () => {
    it('produces t=<unix>,v1=<HMAC-SHA256 hex of "t.body">', () => {
      expect(signSandboxPayload('{}', 'k', new Date(1_700_000_000_000))).toBe(
        `t=1700000000,v1=${createHmac('sha256', 'k').update('1700000000.{}').digest('hex')}`,
      );
    });
  });

  describe('verifyAndParseWebhook', () => {
    it('accepts a freshly signed webhook and normalises a partial payment', () => {
      const result = gatewayAt().verifyAndParseWebhook(body, signedAt(NOW), NOW);

      expect(result).toEqual({
        ok: true,
        events: [
          {
            gateway: 'sandbox',
            eventId: 'evt_01J8Z3',
            gatewayTransactionId: 'SBX-7F3K2',
            orderId: 'INV-2026-08-0003',
            vaNumber: '8808123456789012',
            paymentMethod: 'va',
            amount: 100000,
            refundedAmount: undefined,
            kind: 'paid',
            occurredAt: '2026-08-01T02:59:58.000Z',
            raw: payload,
          },
        ],
      });
    });

    it.each([
      ['299 s old', -299, true],
      ['300 s old', -300, true],
      ['301 s old', -301, false],
      ['301 s in the future', 301, false],
    ])('treats a signature %s as fresh: %s', (_label, offsetSeconds, fresh) => {
      const signedWhen = new Date(NOW.getTime() + offsetSeconds * 1000);

      const result = gatewayAt().verifyAndParseWebhook(body, signedAt(signedWhen), NOW);

      expect(result.ok || result.rejection.reason).toBe(fresh ? true : 'stale_timestamp');
    });

    it('rejects a tampered body', () => {
      const tampered = Buffer.from(body.toString().replace('"amount":100000', '"amount":900000'));

      const result = gatewayAt().verifyAndParseWebhook(tampered, signedAt(NOW), NOW);

      expect(result.ok || result.rejection.reason).toBe('bad_signature');
    });

    it('rejects a signature made with another secret', () => {
      expect(verifySandboxSignature(body, signedAt(NOW, body, 'other-secret'), SECRET, NOW)).toEqual({ reason: 'bad_signature', detail: 'x-lunas-signature mismatch' });
    });

    it('rejects a moved timestamp: it is part of what was signed', () => {
      const [, v1] = signSandboxPayload(body, SECRET, NOW).split(',');

      const result = verifySandboxSignature(body, { [SANDBOX_SIGNATURE_HEADER]: `t=${UNIX_NOW + 10},${v1}` }, SECRET, NOW);

      expect(result?.reason).toBe('bad_signature');
    });

    it('rejects a missing header and an unparseable one', () => {
      expect(verifySandboxSignature(body, {}, SECRET, NOW)?.reason).toBe('missing_signature');
      expect(verifySandboxSignature(body, { [SANDBOX_SIGNATURE_HEADER]: 'sha256=abc' }, SECRET, NOW)?.reason).toBe('bad_signature');
    });

    it('accepts any matching v1 entry, for secret rotation', () => {
      const [t, v1] = signSandboxPayload(body, SECRET, NOW).split(',');

      expect(verifySandboxSignature(body, { [SANDBOX_SIGNATURE_HEADER]: `${t},v1=${'0'.repeat(64)},${v1}` }, SECRET, NOW)).toBeUndefined();
    });

    it('rejects a signed webhook whose type contradicts its status', () => {
      const contradicting = Buffer.from(JSON.stringify({ ...payload, type: 'payment.refunded' }));

      const result = gatewayAt().verifyAndParseWebhook(contradicting, signedAt(NOW, contradicting), NOW);

      expect(result.ok || result.rejection.reason).toBe('malformed_payload');
    });

    it('carries the cumulative refunded amount of a refund', () => {
      const refund = Buffer.from(JSON.stringify({ ...payload, id: 'evt_2', type: 'payment.partially_refunded', data: { ...payload.data, status: 'partially_refunded', refunded_amount: 25000 } }));

      const result = gatewayAt().verifyAndParseWebhook(refund, signedAt(NOW, refund), NOW);

      expect(result.ok && result.events[0]).toMatchObject({ kind: 'partially_refunded', refundedAmount: 25000, eventId: 'evt_2' });
    });
  });

  describe('createPayment', () => {
    let server: FakeGatewayServer;

    beforeAll(async () => {
      server = await FakeGatewayServer.start({
        'POST /sandbox/api/payments': {
          status: 201,
          body: { reference: 'SBX-7F3K2', pay_url: 'http://127.0.0.1:3000/sandbox/pay/SBX-7F3K2', va_number: '8808123456789012', expires_at: '2026-08-02T03:00:00.000Z' },
        },
        'GET /sandbox/api/payments/SBX-7F3K2': { status: 200, body: payload.data },
      });
    });
    afterAll(() => server.close());

    const request: CreatePaymentRequest = {
      invoiceRef: 'INV-2026-08-0003',
      method: 'va',
      bank: 'bni',
      amount: 166500,
      expiresAt: new Date('2026-08-02T03:00:00Z'),
      now: NOW,
      customer: { name: 'Agus Salim' },
      description: 'Internet 20 Mbps Agustus 2026',
    };

    it('sends a signed request the sandbox can verify like a webhook', async () => {
      const created = await gatewayAt(server.baseUrl).createPayment(request);

      const sent = server.lastRequest;
      expect(verifySandboxSignature(Buffer.from(sent.body), sent.headers, SECRET, NOW)).toBeUndefined();
      expect(JSON.parse(sent.body)).toEqual({
        order_id: 'INV-2026-08-0003',
        method: 'va',
        bank: 'bni',
        amount: 166500,
        description: 'Internet 20 Mbps Agustus 2026',
        customer_name: 'Agus Salim',
        expires_at: '2026-08-02T03:00:00.000Z',
      });
      expect(created).toEqual({
        gateway: 'sandbox',
        gatewayReference: 'SBX-7F3K2',
        payUrl: 'http://127.0.0.1:3000/sandbox/pay/SBX-7F3K2',
        vaNumber: '8808123456789012',
        qrString: undefined,
        expiresAt: '2026-08-02T03:00:00.000Z',
      });
    });

    it('refuses an expiry less than a minute away', async () => {
      await expect(gatewayAt(server.baseUrl).createPayment({ ...request, expiresAt: new Date(NOW.getTime() + 59_000) })).rejects.toMatchObject({
        code: 'INVALID_PAYMENT_REQUEST',
        message: 'Permintaan pembayaran tidak valid: batas waktu pembayaran harus minimal 1 menit dari sekarang',
      });
    });

    it('refuses a fractional amount', async () => {
      await expect(gatewayAt(server.baseUrl).createPayment({ ...request, amount: 1000.5 })).rejects.toMatchObject({ code: 'INVALID_PAYMENT_REQUEST' });
    });

    it('fetches the payment state as an event', async () => {
      await expect(gatewayAt(server.baseUrl).fetchStatus('SBX-7F3K2')).resolves.toMatchObject({ kind: 'paid', amount: 100000, eventId: 'status:SBX-7F3K2:paid:2026-08-01T02:59:58.000Z' });
    });
  });
});
