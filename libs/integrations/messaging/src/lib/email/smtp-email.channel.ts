import { createTransport, type Transporter } from 'nodemailer';
import { ChannelUnavailableError, type MessageChannel, type OutgoingMessage } from '../channels/message-channel.port';

/** One SMTP server: a mitra's own (password decrypted from its settings) or the default from `SMTP_URL`. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** e.g. `"WiFi Sukamaju" <tagihan@sukamaju.net>`. */
  from: string;
}

/** `smtp://user:pass@host:587` / `smtps://…` and a sender as {@link SmtpSettings}. */
export function smtpSettingsFromUrl(url: string, from: string): SmtpSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: Number(parsed.port || (secure ? 465 : 587)),
    secure,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    from,
  };
}

/** WhatsApp's `*bold*` and `_italic_` marks read as noise in a plain-text email. */
export function plainTextOf(whatsappText: string): string {
  return whatsappText.replace(/\*([^*\n]+)\*/g, '$1').replace(/(^|\s)_([^_\n]+)_(?=\s|$)/g, '$1$2');
}

/**
 * Email through nodemailer over SMTP, with the SMTP server of the message's tenant (its own settings, else the
 * default). The `Message-ID` comes from the message's stable id, so a resend after a crash is the same email to
 * the receiving mail system. No server for the tenant: {@link ChannelUnavailableError}.
 */
export class SmtpEmailChannel implements MessageChannel {
  readonly name = 'smtp';
  readonly channel = 'email' as const;
  private readonly transports = new Map<string, Transporter>();

  constructor(private readonly settingsFor: (tenantId: string) => Promise<SmtpSettings | undefined>) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const settings = await this.settingsFor(message.tenantId);
    if (!settings) throw new ChannelUnavailableError('Server email (SMTP) belum diatur untuk mitra ini');
    const messageId = `<${message.messageId}@lunas>`;
    await this.transportOf(settings).sendMail({
      from: settings.from,
      to: message.recipient.address,
      subject: message.subject,
      text: plainTextOf(message.body),
      messageId,
      attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, content: attachment.content })),
    });
    return { providerMessageId: messageId };
  }

  /** Closes the pooled SMTP connections. */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transportOf(settings: SmtpSettings): Transporter {
    const key = JSON.stringify([settings.host, settings.port, settings.secure, settings.user, settings.password]);
    let transport = this.transports.get(key);
    if (!transport) {
      transport = createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        socketTimeout: 30_000,
      });
      this.transports.set(key, transport);
    }
    return transport;
  }
}
