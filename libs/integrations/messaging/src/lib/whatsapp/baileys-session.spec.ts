import { Boom } from '@hapi/boom';
import { FakeWhatsappSocket as FakeSocket } from '@lunas/testing';
import { DisconnectReason, proto } from '@whiskeysockets/baileys';
import { MemoryAuthStore } from './memory-auth-store';
import { BaileysSession, RECONNECT_BACKOFF, type WhatsappSessionEvents } from './baileys-session';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(BaileysSession.name, () => {
  let sockets: FakeSocket[];
  let store: MemoryAuthStore;
  let log: string[];
  let session: BaileysSession;
  const events: WhatsappSessionEvents = {
    onState: ({ state, qr, phoneNumber }) => void log.push(`state:${state}${qr ? `:qr=${qr}` : ''}${phoneNumber ? `:${phoneNumber}` : ''}`),
    onLoggedOut: () => void log.push('logged-out'),
    onDelivery: (id, status) => void log.push(`delivery:${id}:${status}`),
    onInbound: ({ from, text, image }) => void log.push(`inbound:${from}:${text}${image ? `:${image.mimetype}:${image.content.toString()}` : ''}`),
  };

  beforeEach(() => {
    sockets = [];
    store = new MemoryAuthStore();
    log = [];
    session = new BaileysSession(store, events, {
      socketFactory: (auth) => {
        const socket = new FakeSocket(auth);
        sockets.push(socket);
        return socket;
      },
      downloadImage: async () => Buffer.from('foto-transfer'),
    });
  });
  afterEach(() => session.stop());

  it('pairs by QR, sends with typing presence, records receipts and inbound, reconnects after a close and stops at a log-out', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      await session.start();
      const first = sockets[0];
      first.emit('connection.update', { qr: 'QR-1' });
      first.emit('creds.update', { me: { id: '6281200000001:7@s.whatsapp.net', name: 'WiFi Sukamaju' } });
      await flush();
      expect(store.creds).toContain('6281200000001:7@s.whatsapp.net');
      first.user = { id: '6281200000001:7@s.whatsapp.net' };
      first.emit('connection.update', { connection: 'open' });
      await flush();
      expect(session.current).toBe('connected');

      const sending = session.sendText('6281234567890', 'Halo Budi', 'LUNASABC', 1_500);
      await flush();
      await jest.advanceTimersByTimeAsync(1_500);
      expect(await sending).toBe('LUNASABC');
      expect(first.calls).toEqual([
        ['presence', 'composing', '6281234567890@s.whatsapp.net'],
        ['presence', 'paused', '6281234567890@s.whatsapp.net'],
        ['sendMessage', '6281234567890@s.whatsapp.net', 'Halo Budi', 'LUNASABC'],
      ]);
      const key = { id: 'LUNASABC', remoteJid: '6281234567890@s.whatsapp.net', fromMe: true };
      first.emit('messages.update', [{ key, update: { status: proto.WebMessageInfo.Status.DELIVERY_ACK } }]);
      first.emit('messages.update', [{ key, update: { status: proto.WebMessageInfo.Status.READ } }]);
      first.emit('messages.upsert', {
        type: 'notify',
        messages: [
          { key: { id: 'IN1', remoteJid: '6281234567890@s.whatsapp.net', fromMe: false }, message: { conversation: 'cek tagihan' } },
          { key: { id: 'IN2', remoteJid: '6281234567890@s.whatsapp.net', fromMe: false }, message: { imageMessage: { caption: 'bukti', mimetype: 'image/jpeg' } } },
          { key: { id: 'G1', remoteJid: '1203630@g.us', fromMe: false }, message: { conversation: 'grup' } },
        ],
      });
      await flush();

      first.emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Connection Closed', { statusCode: DisconnectReason.connectionClosed }), date: new Date() } });
      await flush();
      expect(sockets).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(RECONNECT_BACKOFF.initialMs);
      expect(sockets).toHaveLength(2);
      // The second socket resumes with the credentials the first one saved.
      expect(sockets[1].auth.creds.me?.id).toBe('6281200000001:7@s.whatsapp.net');
      sockets[1].emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Logged Out', { statusCode: DisconnectReason.loggedOut }), date: new Date() } });
      await flush();
      await jest.advanceTimersByTimeAsync(RECONNECT_BACKOFF.maxMs);
      expect(sockets).toHaveLength(2);
      expect(store.creds).toBeNull();
      expect(session.current).toBe('logged_out');
    } finally {
      jest.useRealTimers();
    }
    expect(log).toEqual([
      'state:connecting',
      'state:connecting:qr=QR-1',
      'state:connected:6281200000001',
      'delivery:LUNASABC:delivered',
      'delivery:LUNASABC:read',
      'inbound:6281234567890:cek tagihan',
      'inbound:6281234567890:bukti:image/jpeg:foto-transfer',
      'state:disconnected',
      'state:connecting',
      'state:logged_out',
      'logged-out',
    ]);
  });

  it('doubles the reconnect delay after each failed attempt up to 60 s', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      await session.start();
      const waits: number[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        sockets[sockets.length - 1].emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('lost', { statusCode: DisconnectReason.connectionLost }), date: new Date() } });
        await flush();
        const before = sockets.length;
        let waited = 0;
        while (sockets.length === before) {
          await jest.advanceTimersByTimeAsync(1_000);
          waited += 1_000;
        }
        waits.push(waited);
      }
      expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers a pairing code while pairing and refuses to send while not connected', async () => {
    await session.start();
    expect(await session.requestPairingCode('6281200000001')).toBe('ABCD1234');
    await expect(session.sendText('6281234567890', 'Halo', 'X')).rejects.toThrow('WhatsApp tidak terhubung');
  });
});
