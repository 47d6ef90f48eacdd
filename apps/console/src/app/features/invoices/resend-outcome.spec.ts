import { resendOutcomeMessage } from './resend-outcome';

describe(resendOutcomeMessage.name, () => {
  const base = { payLink: 'http://localhost:3000/bayar/abc', queuedAt: '2027-03-02T10:05:00+07:00' };

  it('names the channels in the order the sender tries them, at WIB time', () => {
    expect(resendOutcomeMessage({ ...base, channels: ['whatsapp', 'email'], alreadyQueued: false })).toBe(
      'Tautan pembayaran masuk antrean pengiriman (WhatsApp, lalu email) pukul 10.05 WIB.',
    );
    expect(resendOutcomeMessage({ ...base, queuedAt: '2027-03-02T03:05:00Z', channels: ['email'], alreadyQueued: false })).toBe(
      'Tautan pembayaran masuk antrean pengiriman (email) pukul 10.05 WIB.',
    );
  });

  it('says a double click sent nothing twice', () => {
    expect(resendOutcomeMessage({ ...base, channels: ['whatsapp'], alreadyQueued: true })).toBe('Tautan sudah masuk antrean pukul 10.05 WIB; tidak dikirim dua kali.');
  });
});
