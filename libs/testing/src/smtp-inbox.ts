import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  /** The SMTP login the sender used, if any. */
  user?: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  receivedAt: Date;
}

/**
 * A real SMTP server (`smtp-server`) on loopback that keeps what it receives, parsed with `mailparser`. Like a mail
 * system, it keeps one mail per `Message-ID`: a resend of the same message is accepted and dropped. Any login is
 * accepted (plain text, no TLS: loopback only).
 */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  /** Mails accepted again with a Message-ID already kept. */
  duplicates = 0;
  private server?: SMTPServer;

  async start(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.keep(mail, typeof session.user === 'string' ? session.user : undefined);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return { port: address.port, url: `smtp://${host}:${address.port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private keep(mail: ParsedMail, user: string | undefined): void {
    const messageId = mail.messageId ?? `<no-id-${this.mails.length}@inbox>`;
    if (this.mails.some((kept) => kept.messageId === messageId)) {
      this.duplicates++;
      return;
    }
    const addresses = (value: ParsedMail['to']) => (Array.isArray(value) ? value.map((one) => one.text).join(', ') : (value?.text ?? ''));
    this.mails.push({
      messageId,
      user,
      from: mail.from?.text ?? '',
      to: addresses(mail.to),
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      attachments: mail.attachments.map((attachment) => ({ filename: attachment.filename ?? 'lampiran', contentType: attachment.contentType, content: attachment.content })),
      receivedAt: new Date(),
    });
  }
}
