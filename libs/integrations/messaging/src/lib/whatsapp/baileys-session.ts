import makeWASocket, { Browsers, DisconnectReason, downloadMediaMessage, proto, type AuthenticationState, type BaileysEventMap, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';
import { useStoredAuthState, type WhatsappAuthStore } from './auth-state';

export type WhatsappSessionState = 'disconnected' | 'connecting' | 'connected' | 'logged_out';
export type DeliveryUpdate = 'sent' | 'delivered' | 'read' | 'failed';

/** What the session reports to its host (written to `whatsapp_sessions`, streamed to the console). */
export interface WhatsappSessionEvents {
  /** Status changes; `qr` while pairing (a new one every ~20 s), the paired number once connected. */
  onState(update: { state: WhatsappSessionState; qr: string | null; phoneNumber: string | null }): Promise<void> | void;
  /** WhatsApp logged the device out: the session is "perlu scan ulang" and the mitra's admin must be told. */
  onLoggedOut(): Promise<void> | void;
  /** A receipt for a message this session sent (by its message id). */
  onDelivery(messageId: string, status: DeliveryUpdate): Promise<void> | void;
  /** A customer wrote: the number (`62…`), the text and a photo if they sent one. */
  onInbound(message: { from: string; messageId: string; text: string; image?: { content: Buffer; mimetype: string } }): Promise<void> | void;
}

/** The part of Baileys' socket this session uses; the test fakes the network boundary behind exactly this. */
export interface WhatsappSocket {
  ev: { process(handler: (events: Partial<BaileysEventMap>) => void | Promise<void>): () => void };
  user?: { id: string } | undefined;
  sendMessage(jid: string, content: { text: string }, options?: { messageId?: string }): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: 'composing' | 'paused' | 'available', jid?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): void;
}

export type WhatsappSocketFactory = (auth: AuthenticationState) => WhatsappSocket;

/** Reconnect delays after a close that is not a log-out: 1 s doubling up to 60 s; back to 1 s once open. */
export const RECONNECT_BACKOFF = { initialMs: 1_000, maxMs: 60_000 };

/** The real socket: Baileys' `makeWASocket`, silent, shown on the phone as "Lunas (Ubuntu)". */
export const baileysSocketFactory: WhatsappSocketFactory = (auth) =>
  makeWASocket({ auth, logger: pino({ level: 'silent' }) as never, browser: Browsers.ubuntu('Lunas'), printQRInTerminal: false, markOnlineOnConnect: false }) as unknown as WhatsappSocket;

const STATUS: Partial<Record<number, DeliveryUpdate>> = {
  [proto.WebMessageInfo.Status.ERROR]: 'failed',
  [proto.WebMessageInfo.Status.SERVER_ACK]: 'sent',
  [proto.WebMessageInfo.Status.DELIVERY_ACK]: 'delivered',
  [proto.WebMessageInfo.Status.READ]: 'read',
  [proto.WebMessageInfo.Status.PLAYED]: 'read',
};

/** `6281234567890` ⇄ `6281234567890@s.whatsapp.net` (004 "Format Nomor WA"). */
export const jidOf = (phone: string) => `${phone}@s.whatsapp.net`;
export const phoneOf = (jid: string) => jid.split('@')[0].split(':')[0];

/**
 * One mitra's WhatsApp connection through Baileys: auth state from the store (encrypted in PostgreSQL), QR or pairing
 * code while pairing, reconnect with backoff after a close, "perlu scan ulang" (`logged_out`, auth state cleared)
 * when WhatsApp logs the device out, delivery receipts and inbound messages passed on. The host runs at most one per
 * session (the PostgreSQL lease).
 */
export class BaileysSession {
  private socket?: WhatsappSocket;
  private state: WhatsappSessionState = 'disconnected';
  private delayMs = RECONNECT_BACKOFF.initialMs;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  private readonly socketFactory: WhatsappSocketFactory;
  private readonly downloadImage: (message: WAMessage) => Promise<Buffer>;

  constructor(
    private readonly store: WhatsappAuthStore,
    private readonly events: WhatsappSessionEvents,
    options: { socketFactory?: WhatsappSocketFactory; downloadImage?: (message: WAMessage) => Promise<Buffer> } = {},
  ) {
    this.socketFactory = options.socketFactory ?? baileysSocketFactory;
    this.downloadImage = options.downloadImage ?? (async (message) => (await downloadMediaMessage(message, 'buffer', {})) as Buffer);
  }

  get current(): WhatsappSessionState {
    return this.state;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.socket?.end(undefined);
    this.socket = undefined;
    await this.setState('disconnected', null);
  }

  /** An 8-character code to type on the phone ("Tautkan dengan nomor telepon") instead of scanning the QR. */
  async requestPairingCode(phone: string): Promise<string> {
    if (!this.socket || this.state !== 'connecting') throw new Error('Sesi WhatsApp belum siap dipasangkan');
    return this.socket.requestPairingCode(phone);
  }

  /** Shows "mengetik…" for `typingMs`, then sends `text` with the given message id (the same id on a resend). */
  async sendText(phone: string, text: string, messageId: string, typingMs = 0): Promise<string> {
    const socket = this.socket;
    if (!socket || this.state !== 'connected') throw new Error('WhatsApp tidak terhubung');
    const jid = jidOf(phone);
    if (typingMs > 0) {
      await socket.sendPresenceUpdate('composing', jid);
      await new Promise((resolve) => setTimeout(resolve, typingMs));
      await socket.sendPresenceUpdate('paused', jid);
    }
    const sent = await socket.sendMessage(jid, { text }, { messageId });
    return sent?.key?.id ?? messageId;
  }

  private async connect(): Promise<void> {
    const { state, saveCreds } = await useStoredAuthState(this.store);
    const socket = this.socketFactory(state);
    this.socket = socket;
    await this.setState('connecting', null);
    socket.ev.process(async (events) => {
      if (socket !== this.socket) return;
      if (events['creds.update']) await saveCreds();
      const update = events['connection.update'];
      if (update?.qr) await this.setState('connecting', update.qr);
      if (update?.connection === 'open') {
        this.delayMs = RECONNECT_BACKOFF.initialMs;
        await this.setState('connected', null, socket.user ? phoneOf(socket.user.id) : null);
      }
      if (update?.connection === 'close') await this.closed(update.lastDisconnect?.error);
      for (const { key, update: change } of events['messages.update'] ?? []) {
        const status = change.status === undefined || change.status === null ? undefined : STATUS[change.status];
        if (key.fromMe && key.id && status) await this.events.onDelivery(key.id, status);
      }
      if (events['messages.upsert']?.type === 'notify') {
        for (const message of events['messages.upsert'].messages) await this.inbound(message);
      }
    });
  }

  private async closed(error: unknown): Promise<void> {
    this.socket = undefined;
    const statusCode = (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    if (statusCode === DisconnectReason.loggedOut) {
      await this.store.clear();
      await this.setState('logged_out', null);
      await this.events.onLoggedOut();
      return;
    }
    await this.setState('disconnected', null);
    if (this.stopped) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, RECONNECT_BACKOFF.maxMs);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private async inbound(message: WAMessage): Promise<void> {
    const jid = message.key.remoteJid;
    if (message.key.fromMe || !jid?.endsWith('@s.whatsapp.net') || !message.message) return;
    const content = message.message;
    const text = content.conversation ?? content.extendedTextMessage?.text ?? content.imageMessage?.caption ?? '';
    const image = content.imageMessage
      ? { content: await this.downloadImage(message), mimetype: content.imageMessage.mimetype ?? 'image/jpeg' }
      : undefined;
    await this.events.onInbound({ from: phoneOf(jid), messageId: message.key.id ?? '', text, image });
  }

  private async setState(state: WhatsappSessionState, qr: string | null, phoneNumber: string | null = null): Promise<void> {
    this.state = state;
    await this.events.onState({ state, qr, phoneNumber });
  }
}
