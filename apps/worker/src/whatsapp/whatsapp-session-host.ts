import { BaileysSession, ChannelUnavailableError, type MessageChannel, type OutgoingMessage, type WhatsappSessionEvents, type WhatsappSocketFactory } from '@lunas/messaging';
import { OperatorNotification, WhatsappSession } from '@lunas/persistence';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { IsNull, Not, type DataSource } from 'typeorm';
import { recordDelivery } from './delivery-status';
import { PgWhatsappAuthStore } from './pg-auth-store';

/** A lease lasts 30 s and is renewed every 10 s: a dead host's sessions move to another within ~30 s. */
export const LEASE_SECONDS = 30;
export const TICK_MS = 10_000;

/** What a customer wrote, for the chatbot. */
export type InboundHandler = (tenantId: string, message: Parameters<WhatsappSessionEvents['onInbound']>[0]) => Promise<void>;

/**
 * Runs the Baileys sockets of the WhatsApp sessions this process holds the PostgreSQL lease of (one live socket per
 * session across all workers), mirrors their state into `whatsapp_sessions` (the console reads it: status, QR,
 * pairing code, number, last seen), records delivery receipts on the message log, notifies the mitra's operators
 * when WhatsApp logs a session out ("perlu scan ulang"), and passes inbound messages on. It is also the WhatsApp
 * {@link MessageChannel}: a session this process does not hold, or that is not connected, is unavailable here.
 */
export class WhatsappSessionHost implements MessageChannel {
  readonly name = 'whatsapp-baileys';
  readonly channel = 'whatsapp' as const;
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly sessions = new Map<string, { tenantId: string; session: BaileysSession }>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onInbound: InboundHandler,
    private readonly socketFactory?: WhatsappSocketFactory,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    for (const [id, { session }] of this.sessions) {
      await session.stop();
      await this.dataSource.manager.update(WhatsappSession, { id, leaseOwner: this.owner }, { leaseOwner: null, leaseExpiresAt: null });
    }
    this.sessions.clear();
  }

  /** Takes the leases it can, renews those it holds, starts and stops sockets accordingly, serves pairing codes. */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const held = [...this.sessions.values()].find((entry) => entry.tenantId === message.tenantId);
    if (!held || held.session.current !== 'connected') {
      const row = await this.dataSource.manager.findOneBy(WhatsappSession, { tenantId: message.tenantId });
      throw new ChannelUnavailableError(row?.status === 'logged_out' ? 'WhatsApp perlu scan ulang' : 'WhatsApp belum terhubung');
    }
    const typingMs = Math.min(3_000, 500 + message.body.length * 10);
    return { providerMessageId: await held.session.sendText(message.recipient.address, message.body, message.messageId, typingMs) };
  }

  private async runTick(): Promise<void> {
    const candidates = await this.dataSource.manager.find(WhatsappSession, {
      where: [{ creds: Not(IsNull()), status: Not('logged_out') }, { pairingRequestedAt: Not(IsNull()) }],
      select: { id: true, tenantId: true, pairingPhone: true, pairingCode: true, pairingRequestedAt: true },
    });
    for (const row of candidates) {
      // TypeORM answers an UPDATE as [rows, count].
      const [leased] = (await this.dataSource.query(
        `UPDATE whatsapp_sessions SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3)
          WHERE id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now()) RETURNING id`,
        [row.id, this.owner, LEASE_SECONDS],
      )) as [unknown[], number];
      const running = this.sessions.get(row.id);
      if (leased.length === 0) {
        if (running) await this.drop(row.id);
        continue;
      }
      if (!running) await this.launch(row.id, row.tenantId);
      const session = this.sessions.get(row.id)?.session;
      if (session && row.pairingPhone && !row.pairingCode && session.current === 'connecting') {
        const code = await session.requestPairingCode(row.pairingPhone).catch(() => null);
        if (code) await this.dataSource.manager.update(WhatsappSession, { id: row.id }, { pairingCode: code });
      }
    }
  }

  private async launch(id: string, tenantId: string): Promise<void> {
    await this.dataSource.manager.update(WhatsappSession, { id }, { pairingRequestedAt: null });
    const session = new BaileysSession(new PgWhatsappAuthStore(this.dataSource, id), this.eventsFor(id, tenantId), { socketFactory: this.socketFactory });
    this.sessions.set(id, { tenantId, session });
    await session.start();
  }

  private async drop(id: string): Promise<void> {
    const running = this.sessions.get(id);
    this.sessions.delete(id);
    await running?.session.stop();
  }

  private eventsFor(id: string, tenantId: string): WhatsappSessionEvents {
    const m = this.dataSource.manager;
    return {
      onState: async ({ state, qr, phoneNumber }) => {
        await m.update(WhatsappSession, { id, leaseOwner: this.owner }, {
          status: state,
          qr,
          lastSeenAt: new Date(),
          ...(state === 'connected' ? { lastConnectedAt: new Date(), phoneNumber, pairingCode: null, pairingPhone: null } : {}),
        });
      },
      onLoggedOut: async () => {
        this.sessions.delete(id);
        await m
          .createQueryBuilder()
          .insert()
          .into(OperatorNotification)
          .values({
            tenantId,
            permission: 'whatsapp.manage',
            kind: 'whatsapp_logged_out',
            title: 'WhatsApp perlu scan ulang',
            body: 'WhatsApp mengeluarkan perangkat Lunas dari akun ini. Pesan ke pelanggan dikirim lewat email bila ada, sampai WhatsApp dihubungkan lagi: buka menu WhatsApp dan pindai QR.',
            entityType: 'whatsapp_session',
            entityId: id,
            idempotencyKey: `whatsapp-logged-out:${id}:${Date.now()}`,
          })
          .execute();
      },
      onDelivery: (messageId, status) => recordDelivery(m, tenantId, messageId, status),
      onInbound: (message) => this.onInbound(tenantId, message),
    };
  }
}
