import { makeEventBuffer, type AuthenticationState, type BaileysEventMap, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';

/**
 * A Baileys socket with the network side (WhatsApp's servers) faked: Baileys' own event emitter
 * (`makeEventBuffer`), on which a test emits what WhatsApp would cause (QR, open, close, receipts, messages), and
 * recorded calls for what the app sends.
 */
export class FakeWhatsappSocket {
  readonly ev = makeEventBuffer(pino({ level: 'silent' }) as never);
  user?: { id: string };
  readonly calls: unknown[][] = [];
  ended = false;

  constructor(readonly auth: AuthenticationState) {
    // As Baileys' socket does: a credentials update is merged into the auth state before the app saves it.
    this.ev.on('creds.update', (update: Partial<AuthenticationState['creds']>) => Object.assign(auth.creds, update));
  }

  emit<E extends keyof BaileysEventMap>(event: E, data: BaileysEventMap[E]): void {
    this.ev.emit(event, data);
  }

  async sendMessage(jid: string, content: { text: string }, options?: { messageId?: string }): Promise<WAMessage> {
    this.calls.push(['sendMessage', jid, content.text, options?.messageId]);
    return { key: { id: options?.messageId, remoteJid: jid, fromMe: true } } as WAMessage;
  }

  async sendPresenceUpdate(type: string, jid?: string): Promise<void> {
    this.calls.push(['presence', type, jid]);
  }

  async requestPairingCode(phone: string): Promise<string> {
    this.calls.push(['pairingCode', phone]);
    return 'ABCD1234';
  }

  end(): void {
    this.ended = true;
  }
}
