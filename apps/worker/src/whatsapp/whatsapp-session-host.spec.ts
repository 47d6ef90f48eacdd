import { Boom } from '@hapi/boom';
import { ChannelUnavailableError, stableMessageId, type OutgoingMessage } from '@lunas/messaging';
import { NotificationLog, OperatorNotification, WhatsappSession } from '@lunas/persistence';
import { createTestDatabase, insertSubscription, type TestDatabase } from '@lunas/persistence/testing';
import { FakeWhatsappSocket, eventually } from '@lunas/testing';
import { DisconnectReason, proto } from '@whiskeysockets/baileys';
import { WhatsappSessionHost } from './whatsapp-session-host';

// Two session hosts (two worker processes) on one real PostgreSQL; WhatsApp's servers faked behind Baileys' socket events.
describe(WhatsappSessionHost.name, () => {
  let db: TestDatabase;
  let tenantId: string;
  let sessionId: string;
  const sockets: FakeWhatsappSocket[] = [];
  const inbound: string[] = [];
  const host = () =>
    new WhatsappSessionHost(db.dataSource, async (tenant, message) => void inbound.push(`${tenant}:${message.from}:${message.text}`), (auth) => {
      const socket = new FakeWhatsappSocket(auth);
      sockets.push(socket);
      return socket;
    });
  const row = () => db.dataSource.manager.findOneByOrFail(WhatsappSession, { id: sessionId });
  const message = (): OutgoingMessage => ({
    tenantId, recipient: { channel: 'whatsapp', address: '6281234567890' }, subject: '', body: 'Halo Budi', attachments: [], messageId: stableMessageId('k1:whatsapp'),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    const f = await insertSubscription(db.dataSource.manager);
    tenantId = f.tenant.id;
    sessionId = (await db.dataSource.manager.save(WhatsappSession, { tenantId, status: 'disconnected', pairingRequestedAt: new Date(), pairingPhone: '6281200000001' })).id;
  });
  afterAll(() => db.destroy());

  it('keeps one live socket per session across hosts, mirrors its state, records receipts and hands over on stop; logged out → perlu scan ulang', async () => {
    const [a, b] = [host(), host()];
    await a.tick();
    await b.tick();
    expect(sockets).toHaveLength(1);
    expect(await row()).toMatchObject({ leaseOwner: a.owner, status: 'connecting', pairingRequestedAt: null, pairingCode: 'ABCD1234' });

    const socket = sockets[0];
    socket.emit('connection.update', { qr: 'QR-1' });
    await eventually(async () => (await row()).qr === 'QR-1', 5_000);
    socket.emit('creds.update', { me: { id: '6281200000001:3@s.whatsapp.net' } });
    socket.user = { id: '6281200000001:3@s.whatsapp.net' };
    socket.emit('connection.update', { connection: 'open' });
    await eventually(async () => (await row()).status === 'connected', 5_000);
    expect(await row()).toMatchObject({ phoneNumber: '6281200000001', qr: null, pairingCode: null });

    const { providerMessageId } = await a.send(message());
    expect(socket.calls.at(-1)).toEqual(['sendMessage', '6281234567890@s.whatsapp.net', 'Halo Budi', message().messageId]);
    await expect(b.send(message())).rejects.toThrow(new ChannelUnavailableError('WhatsApp belum terhubung'));

    await db.dataSource.manager.insert(NotificationLog, {
      tenantId, channel: 'whatsapp', template: 'invoice_issued', recipient: '6281234567890', idempotencyKey: 'k1:whatsapp', status: 'sent', providerMessageId, deliveryStatus: 'sent',
    });
    const key = { id: providerMessageId, remoteJid: '6281234567890@s.whatsapp.net', fromMe: true };
    socket.emit('messages.update', [{ key, update: { status: proto.WebMessageInfo.Status.READ } }]);
    socket.emit('messages.update', [{ key, update: { status: proto.WebMessageInfo.Status.DELIVERY_ACK } }]);
    socket.emit('messages.upsert', { type: 'notify', messages: [{ key: { id: 'IN1', remoteJid: '6281234567890@s.whatsapp.net', fromMe: false }, message: { conversation: 'tagihan' } }] });
    await eventually(() => inbound.length === 1, 5_000);
    const logged = await db.dataSource.manager.findOneByOrFail(NotificationLog, { idempotencyKey: 'k1:whatsapp' });
    expect(logged).toMatchObject({ deliveryStatus: 'read', readAt: expect.any(Date), deliveredAt: expect.any(Date) });
    expect(inbound).toEqual([`${tenantId}:6281234567890:tagihan`]);

    await a.stop();
    expect(await row()).toMatchObject({ leaseOwner: null, status: 'disconnected' });
    await b.tick();
    expect(sockets).toHaveLength(2);
    expect(sockets[1].auth.creds.me?.id).toBe('6281200000001:3@s.whatsapp.net');
    expect((await row()).leaseOwner).toBe(b.owner);

    sockets[1].emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Logged Out', { statusCode: DisconnectReason.loggedOut }), date: new Date() } });
    await eventually(async () => (await row()).status === 'logged_out', 5_000);
    expect((await row()).creds).toBeNull();
    await eventually(async () => (await db.dataSource.manager.countBy(OperatorNotification, { tenantId, kind: 'whatsapp_logged_out' })) === 1, 5_000);
    expect(await db.dataSource.manager.findOneByOrFail(OperatorNotification, { tenantId })).toMatchObject({ permission: 'whatsapp.manage', title: 'WhatsApp perlu scan ulang' });
    await expect(b.send(message())).rejects.toThrow('WhatsApp perlu scan ulang');
    await b.tick();
    expect(sockets).toHaveLength(2);
    await b.stop();
  }, 30_000);
});
