import { NO_CONSENT_REASON, OPTED_OUT_REASON, isOptOutReply, recipientsOf } from './recipients';

const contact = { phone: '0812-3456-7890', email: 'budi@example.test', whatsappConsent: true, emailConsent: true, broadcastOptOutAt: null };

describe(recipientsOf.name, () => {
  it('tries WhatsApp first, then email as the fallback', () => {
    expect(recipientsOf(contact, 'billing')).toEqual([
      { channel: 'whatsapp', address: '6281234567890' },
      { channel: 'email', address: 'budi@example.test' },
    ]);
  });

  it('keeps sending the bill after STOP but stops broadcasts', () => {
    const stopped = { ...contact, broadcastOptOutAt: new Date('2026-02-01T00:00:00Z') };
    expect(recipientsOf(stopped, 'billing')).toHaveLength(2);
    expect(recipientsOf(stopped, 'broadcast')).toEqual({ skipped: OPTED_OUT_REASON });
  });

  it('uses only the channels the customer agreed to', () => {
    expect(recipientsOf({ ...contact, whatsappConsent: false }, 'billing')).toEqual([{ channel: 'email', address: 'budi@example.test' }]);
    expect(recipientsOf({ ...contact, whatsappConsent: false, emailConsent: false }, 'billing')).toEqual({ skipped: NO_CONSENT_REASON });
  });

  it('says why when the only number is invalid', () => {
    const result = recipientsOf({ ...contact, phone: '12345', emailConsent: false }, 'billing');
    expect(result).toEqual({ skipped: expect.stringMatching(/nomor|telepon/i) });
  });
});

describe(isOptOutReply.name, () => {
  it('recognises STOP in any case and spacing, not other words', () => {
    expect(['STOP', ' stop ', 'Berhenti', 'unreg'].every(isOptOutReply)).toBe(true);
    expect(['tagihan', 'stop dulu', 'bayar'].some(isOptOutReply)).toBe(false);
  });
});
