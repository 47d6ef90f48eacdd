import { chatbotIntentOf } from './chatbot-intent';

describe(chatbotIntentOf.name, () => {
  it.each([
    ['tagihan', 'tagihan'], ['Cek Tagihan', 'tagihan'], ['  TAGIHAN? ', 'tagihan'], ['bayar', 'bayar'], ['cek status', 'status'], ['Status', 'status'],
    ['bukti', 'bukti'], ['STOP', 'stop'], ['berhenti', 'stop'], ['MULAI', 'mulai'],
    ['halo kak, internet saya mati', 'human'], ['bayar pakai apa ya?', 'human'], ['', 'human'],
  ])('reads %j as %s', (text, intent) => {
    expect(chatbotIntentOf(text, false)).toBe(intent);
  });

  it('takes any photo as a transfer proof', () => {
    expect(chatbotIntentOf('', true)).toBe('bukti');
    expect(chatbotIntentOf('ini kak sudah transfer', true)).toBe('bukti');
  });
});
