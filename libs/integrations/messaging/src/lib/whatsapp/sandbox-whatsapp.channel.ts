import type { MessageChannel, OutgoingMessage } from '../channels/message-channel.port';
import type { DeliveryUpdate } from './baileys-session';

/** What the WhatsApp sandbox reports: a receipt for a message sent, or what a customer typed in a chat. */
export type SandboxWhatsappEvent =
  | { seq: number; type: 'receipt'; tenantId: string; messageId: string; status: Exclude<DeliveryUpdate, 'sent' | 'failed'> }
  | { seq: number; type: 'inbound'; tenantId: string; from: string; messageId: string; text: string; image?: { base64: string; mimetype: string } };

/**
 * WhatsApp through the local WhatsApp sandbox (`WHATSAPP_SANDBOX_URL`, started by `npm start`) instead of Baileys:
 * messages are posted to its chats, receipts and customer replies are read from its event feed.
 */
export class SandboxWhatsappChannel implements MessageChannel {
  readonly name = 'whatsapp-sandbox';
  readonly channel = 'whatsapp' as const;

  constructor(private readonly baseUrl: string) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: message.tenantId, to: message.recipient.address, text: message.body, messageId: message.messageId }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`WhatsApp sandbox answered ${response.status}: ${await response.text()}`);
    return { providerMessageId: ((await response.json()) as { id: string }).id };
  }

  /** Events after sequence number `after`, oldest first. */
  async events(after: number): Promise<SandboxWhatsappEvent[]> {
    const response = await fetch(`${this.baseUrl}/api/events?after=${after}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`WhatsApp sandbox answered ${response.status}`);
    return (await response.json()) as SandboxWhatsappEvent[];
  }
}
