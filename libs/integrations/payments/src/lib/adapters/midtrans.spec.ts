import { bodyOf, fixtureBytes, fixtureJson } from '../../../test/fixtures';
import { FakeGatewayServer } from '../../../test/fake-gateway-server';
import { PaymentsError } from '../gateway/errors';
import type { CreatePaymentRequest } from '../gateway/port';
import { MidtransGateway, midtransKind, midtransSignature } from './midtrans';

const SERVER_KEY = 'SB-Mid-server-TEST';
const NOW = new Date('2026-08-01T00:00:00Z');

function gatewayAt(baseUrl = 'http://127.0.0.1:1', serverKey = SERVER_KEY): MidtransGateway {
  return new MidtransGateway({ serverKey, environment: 'sandbox', fetch, baseUrl });
}

/** Re-signs a notification the documented way with the test server key. */
function signed(notification: Record<string, unknown>): Record<string, unknown> {
  const { order_id, status_code, gross_amount } = notification;
  return { ...notification, signature_key: midtransSignature(String(order_id), String(status_code), String(gross_amount), SERVER_KEY) };
}

/** The documented BCA VA notification with some fields changed, signed. */
function signedNotification(fields: Record<string, unknown>): Record<string, unknown> {
  return signed({ ...fixtureJson('midtrans/bca-va-settlement.json'), ...fields });
}

const request: CreatePaymentRequest = {
  invoiceRef: 'INV-2026-08-0001',
  method: 'va',
  bank: 'bca',
  amount: 166500,
  expiresAt: new Date('2026-08-02T00:00:00Z'),
  now: NOW,
  customer: { name: 'Budi Santoso', email: 'budi@example.id', phone: '6281234567890' },
  description: 'Internet 20 Mbps Agustus 2026',
};

describe(MidtransGateway.name, () => {
  describe('midtransSignature', () => {
    it('matches the vector computed from the documented PHP example', () => {
      expect(midtransSignature('1111', '200', '100000.00', 'askvnoibnosifnboseofinbofinfgbiufglnbfg')).toBe(
        'edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231',
      );
    });

    it('matches the bca-va-01 vector', () => {
      expect(midtransSignature('bca-va-01', '200', '100000.00', SERVER_KEY)).toBe(
        'eff7913887e27326bfccb8591de0ff85ec1edfda80530f0039d68c7ca0078c1dfd04762f7481d484ce5d00f2495d659e6b900803498aafd8557efaf9e378620e',
      );
    });
  });

  describe('verifyAndParseWebhook', () => {
    it('accepts the documented BCA VA settlement and normalises it', () => {
      const result = gatewayAt().verifyAndParseWebhook(fixtureBytes('midtrans/bca-va-settlement.json'), {}, NOW);

      expect(result).toEqual({
        ok: true,
        events: [
          {
            gateway: 'midtrans',
            eventId: '9aed5972-5b6a-401e-894b-a32c91ed1a3a:settlement:accept:0',
            gatewayTransactionId: '9aed5972-5b6a-401e-894b-a32c91ed1a3a',
            orderId: 'bca-va-01',
            vaNumber: '333333333333333',
            paymentMethod: 'bank_transfer',
            amount: 100000,
            refundedAmount: undefined,
            kind: 'paid',
            occurredAt: '2021-06-23T04:27:50.000Z',
            raw: fixtureJson('midtrans/bca-va-settlement.json'),
          },
        ],
      });
    });

    it('reads the Permata VA number of an expiry and the QRIS amount', () => {
      const expire = signed(fixtureJson('midtrans/permata-expire.json'));
      const qris = signed(fixtureJson('midtrans/qris-settlement.json'));

      const expired = gatewayAt().verifyAndParseWebhook(bodyOf(expire), {}, NOW);
      const paid = gatewayAt().verifyAndParseWebhook(bodyOf(qris), {}, NOW);

      expect(expired.ok && expired.events[0]).toMatchObject({ kind: 'expired', vaNumber: '8778004890127981', amount: 698879, orderId: '1000176721005355' });
      expect(paid.ok && paid.events[0]).toMatchObject({ kind: 'paid', amount: 5539, paymentMethod: 'qris', occurredAt: '2021-06-23T07:06:48.000Z' });
    });

    it('rejects the documented payload under another server key', () => {
      const result = gatewayAt('http://127.0.0.1:1', 'SB-Mid-server-OTHER').verifyAndParseWebhook(fixtureBytes('midtrans/bca-va-settlement.json'), {}, NOW);

      expect(result).toEqual({ ok: false, rejection: { reason: 'bad_signature', detail: 'signature_key mismatch' } });
    });

    it('rejects a body whose amount was tampered with after signing', () => {
      const tampered = { ...fixtureJson('midtrans/bca-va-settlement.json'), gross_amount: '1000000.00' };

      const result = gatewayAt().verifyAndParseWebhook(bodyOf(tampered), {}, NOW);

      expect(result.ok || result.rejection.reason).toBe('bad_signature');
    });

    it('rejects a notification without signature_key', () => {
      const { signature_key: _omitted, ...unsigned } = fixtureJson('midtrans/bca-va-settlement.json');

      const result = gatewayAt().verifyAndParseWebhook(bodyOf(unsigned), {}, NOW);

      expect(result.ok || result.rejection.reason).toBe('missing_signature');
    });

    it('rejects a body that is not JSON', () => {
      const result = gatewayAt().verifyAndParseWebhook(Buffer.from('order_id=1'), {}, NOW);

      expect(result.ok || result.rejection.reason).toBe('malformed_payload');
    });

    it('rejects a correctly signed notification with an unknown status', () => {
      const result = gatewayAt().verifyAndParseWebhook(bodyOf(signedNotification({ transaction_status: 'teleported' })), {}, NOW);

      expect(result).toEqual({ ok: false, rejection: { reason: 'malformed_payload', detail: "unknown transaction_status 'teleported'" } });
    });

    it.each([
      ['pending', undefined, '201', 'pending'],
      ['settlement', 'accept', '200', 'paid'],
      ['capture', 'accept', '200', 'paid'],
      ['capture', 'challenge', '201', 'challenge'],
      ['capture', 'deny', '202', 'failed'],
      ['deny', undefined, '202', 'failed'],
      ['cancel', undefined, '200', 'cancelled'],
      ['expire', undefined, '202', 'expired'],
      ['refund', undefined, '200', 'refunded'],
      ['partial_refund', undefined, '200', 'partially_refunded'],
      ['chargeback', undefined, '200', 'chargeback'],
      ['partial_chargeback', undefined, '200', 'partial_chargeback'],
    ])('maps transaction_status %s with fraud_status %s (status_code %s) to %s', (status, fraud, statusCode, kind) => {
      const notification = signedNotification({ transaction_status: status, fraud_status: fraud, status_code: statusCode });

      const result = gatewayAt().verifyAndParseWebhook(bodyOf(notification), {}, NOW);

      expect(result.ok && result.events.map((event) => event.kind)).toEqual([kind]);
    });

    it('gives each partial refund its own event id and the cumulative refunded amount', () => {
      const refund = (amounts: string[]) =>
        signedNotification({
          transaction_status: 'partial_refund',
          refunds: amounts.map((amount, index) => ({ refund_chargeback_id: index + 1, refund_amount: amount, created_at: `2021-06-2${4 + index} 10:00:00` })),
        });

      const first = gatewayAt().verifyAndParseWebhook(bodyOf(refund(['10000.00'])), {}, NOW);
      const second = gatewayAt().verifyAndParseWebhook(bodyOf(refund(['10000.00', '15000.00'])), {}, NOW);

      expect(first.ok && first.events[0]).toMatchObject({ refundedAmount: 10000, occurredAt: '2021-06-24T03:00:00.000Z' });
      expect(second.ok && second.events[0]).toMatchObject({ refundedAmount: 25000, occurredAt: '2021-06-25T03:00:00.000Z' });
      expect(first.ok && second.ok && first.events[0].eventId !== second.events[0].eventId).toBe(true);
    });
  });

  describe('midtransKind', () => {
    it('treats settlement without fraud_status (Indomaret/Alfamart) as paid', () => {
      expect(midtransKind('settlement', undefined)).toBe('paid');
    });
  });

  describe('createPayment', () => {
    let server: FakeGatewayServer;

    beforeAll(async () => {
      server = await FakeGatewayServer.start({
        'POST /v2/charge': { status: 200, body: fixtureJson('midtrans/charge-bank-transfer-response.json') },
        'GET /v2/bca-va-01/status': { status: 200, body: fixtureJson('midtrans/bca-va-settlement.json') },
      });
    });
    afterAll(() => server.close());

    it('charges a BCA VA with the documented body, Basic auth and a 24 h custom expiry', async () => {
      const created = await gatewayAt(server.baseUrl).createPayment(request);

      expect(server.lastRequest.headers['authorization']).toBe(`Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}`);
      expect(server.lastRequest.headers['content-type']).toBe('application/json');
      expect(server.lastJsonBody()).toEqual({
        payment_type: 'bank_transfer',
        bank_transfer: { bank: 'bca' },
        transaction_details: { order_id: 'INV-2026-08-0001', gross_amount: 166500 },
        customer_details: { first_name: 'Budi Santoso', email: 'budi@example.id', phone: '6281234567890' },
        custom_expiry: { order_time: '2026-08-01 07:00:00 +0700', expiry_duration: 1440, unit: 'minute' },
      });
      expect(created).toEqual({
        gateway: 'midtrans',
        gatewayReference: 'be03df7d-2f97-4c8c-a53c-8959f1b67295',
        vaNumber: '812785002530231',
        billerCode: undefined,
        qrString: undefined,
        payUrl: undefined,
        expiresAt: '2026-08-02T00:00:00.000Z',
      });
    });

    it('asks for a Mandiri bill payment as echannel', async () => {
      await gatewayAt(server.baseUrl).createPayment({ ...request, bank: 'mandiri' });

      expect(server.lastJsonBody()).toMatchObject({ payment_type: 'echannel', echannel: { bill_info1: 'Pembayaran:', bill_info2: 'Internet 20 Mbps Agustus 2026' } });
    });

    it('refuses card payments, which need browser tokenisation', async () => {
      await expect(gatewayAt(server.baseUrl).createPayment({ ...request, method: 'card' })).rejects.toMatchObject({ code: 'METHOD_NOT_SUPPORTED' });
    });

    it('fetches the status by order id and normalises it like a notification', async () => {
      const event = await gatewayAt(server.baseUrl).fetchStatus('bca-va-01');

      expect(event).toMatchObject({ kind: 'paid', orderId: 'bca-va-01', amount: 100000 });
    });
  });

  describe('createPayment answers', () => {
    it('returns the QR action URL of a QRIS charge', async () => {
      const server = await FakeGatewayServer.start({ 'POST /v2/charge': { status: 200, body: fixtureJson('midtrans/charge-qris-response.json') } });
      try {
        const created = await gatewayAt(server.baseUrl).createPayment({ ...request, method: 'qris' });

        expect(server.lastJsonBody()).toMatchObject({ payment_type: 'qris', qris: { acquirer: 'gopay' } });
        expect(created.payUrl).toBe('https://api.midtrans.com/v2/qris/0d8178e1-c6c7-4ab4-81a6-893be9d924ab/qr-code');
      } finally {
        await server.close();
      }
    });

    it.each([
      [200, { status_code: '406', status_message: 'The request could not be completed due to a conflict' }, 'GATEWAY_REJECTED', false],
      [401, { status_code: '401', status_message: 'Unknown Merchant server_key/id' }, 'GATEWAY_REJECTED', false],
      [503, 'Service Unavailable', 'GATEWAY_UNAVAILABLE', true],
      [200, 'not json', 'GATEWAY_BAD_RESPONSE', true],
    ])('turns HTTP %s %j into %s (retryable %s)', async (status, body, code, retryable) => {
      const server = await FakeGatewayServer.start({ 'POST /v2/charge': { status, body } });
      try {
        const failure = await gatewayAt(server.baseUrl).createPayment(request).catch((error: unknown) => error);

        expect(failure).toBeInstanceOf(PaymentsError);
        expect(failure).toMatchObject({ code, retryable });
      } finally {
        await server.close();
      }
    });

    it('reports an unreachable gateway as retryable', async () => {
      await expect(gatewayAt('http://127.0.0.1:1').createPayment(request)).rejects.toMatchObject({ code: 'GATEWAY_UNAVAILABLE', retryable: true });
    });
  });
});
