import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LUNAS_CONFIG, type LunasConfig } from '@lunas/config';
import { PdfRenderer } from '@lunas/documents';
import { SandboxWhatsappChannel, SmtpEmailChannel, smtpSettingsFromUrl, type MessageChannel } from '@lunas/messaging';
import type { DataSource } from 'typeorm';
import { Chatbot } from '../../whatsapp/chatbot';
import { answerWithChatbot } from '../../whatsapp/chatbot-replies';
import { SandboxEventsRelay } from '../../whatsapp/sandbox-events-relay';
import { WhatsappSessionHost } from '../../whatsapp/whatsapp-session-host';
import { DATA_SOURCE } from '../database';
import { tenantSmtpSettings } from './tenant-smtp-settings';

/**
 * The worker's message channels and what they keep running: email over SMTP (the mitra's server or `SMTP_URL`),
 * WhatsApp through the WhatsApp sandbox (`WHATSAPP_SANDBOX_URL`, its event feed relayed) or through Baileys (the
 * session host and its PostgreSQL leases), the chatbot answering customers, and the Chromium pool for PDFs.
 */
@Injectable()
export class MessagingResources implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly pdfRenderer = new PdfRenderer();
  readonly email: SmtpEmailChannel;
  readonly whatsapp: WhatsappSessionHost | SandboxWhatsappChannel;
  private readonly relay?: SandboxEventsRelay;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource, @Inject(LUNAS_CONFIG) config: LunasConfig) {
    const fallback = config.messaging.smtpUrl ? smtpSettingsFromUrl(config.messaging.smtpUrl, config.messaging.smtpFrom) : undefined;
    this.email = new SmtpEmailChannel(tenantSmtpSettings(dataSource, fallback));
    const answer = answerWithChatbot(dataSource, new Chatbot(dataSource, config.publicBaseUrl), () => this.whatsapp);
    if (config.messaging.whatsappSandboxUrl) {
      const sandbox = new SandboxWhatsappChannel(config.messaging.whatsappSandboxUrl);
      this.whatsapp = sandbox;
      this.relay = new SandboxEventsRelay(sandbox, dataSource, answer);
    } else {
      this.whatsapp = new WhatsappSessionHost(dataSource, answer);
    }
  }

  get channels(): MessageChannel[] {
    return [this.whatsapp, this.email];
  }

  onApplicationBootstrap(): void {
    if (this.relay) this.relay.start();
    else if (this.whatsapp instanceof WhatsappSessionHost) this.whatsapp.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    if (this.whatsapp instanceof WhatsappSessionHost) await this.whatsapp.stop();
    this.email.close();
    await this.pdfRenderer.close();
  }
}
