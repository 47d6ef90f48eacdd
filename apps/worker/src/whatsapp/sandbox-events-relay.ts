import { Logger } from '@nestjs/common';
import type { SandboxWhatsappChannel } from '@lunas/messaging';
import type { DataSource } from 'typeorm';
import type { InboundHandler } from './whatsapp-session-host';
import { recordDelivery } from './delivery-status';

/** How often the worker reads the WhatsApp sandbox's events (receipts, customer replies). */
export const SANDBOX_POLL_MS = 1_000;

/**
 * Reads the WhatsApp sandbox's event feed: receipts go to the message log, what a customer typed to the chatbot.
 * Starts from the feed's current end (replies typed while the worker was down are answered once it is back).
 */
export class SandboxEventsRelay {
  private after = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly logger = new Logger('WhatsappSandbox');

  constructor(
    private readonly channel: SandboxWhatsappChannel,
    private readonly dataSource: DataSource,
    private readonly onInbound: InboundHandler,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), SANDBOX_POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Handles the events since the last poll, each once; a failed event is retried on the next poll. */
  poll(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (const event of await this.channel.events(this.after)) {
          if (event.type === 'receipt') await recordDelivery(this.dataSource.manager, event.tenantId, event.messageId, event.status);
          else await this.onInbound(event.tenantId, { from: event.from, messageId: event.messageId, text: event.text, image: event.image && { content: Buffer.from(event.image.base64, 'base64'), mimetype: event.image.mimetype } });
          this.after = event.seq;
        }
      } catch (error) {
        // The sandbox may be restarting; the next poll tries again from the same event.
        this.logger.warn(`WhatsApp sandbox events not read: ${(error as Error).message}`);
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
