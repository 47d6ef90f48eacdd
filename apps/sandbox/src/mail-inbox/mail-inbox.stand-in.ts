import { SmtpInbox } from '@lunas/testing';
import type { RunningStandIn, StandIn } from '../stand-in';
import { closeHttp, escapeHtml, listenHttp, pageHtml } from '../shared/http-page';

export interface MailInboxOptions {
  /** SMTP port the API and worker send to (`SMTP_URL=smtp://127.0.0.1:<port>`). Default 2525. */
  smtpPort?: number;
  /** Port of the inbox page. Default 3102. */
  pagePort?: number;
}

/**
 * The mail inbox: a real SMTP server on loopback (what `SMTP_URL` points at under `npm start`) and a page listing
 * every mail it received, newest first, with the text and the attachments (the invoice PDFs) to open.
 * `GET /api/mails` answers the same as JSON.
 */
export class MailInboxStandIn implements StandIn {
  readonly name = 'mail inbox';

  constructor(private readonly options: MailInboxOptions = {}) {}

  async start(): Promise<RunningStandIn> {
    const inbox = new SmtpInbox();
    const smtp = await inbox.start(this.options.smtpPort ?? 2525);
    const { server, url } = await listenHttp(this.options.pagePort ?? 3102, (_request, response, requestUrl) => {
      const attachment = /^\/mails\/(\d+)\/attachments\/(\d+)$/.exec(requestUrl.pathname);
      if (attachment) {
        const file = inbox.mails[Number(attachment[1])]?.attachments[Number(attachment[2])];
        if (!file) return void response.writeHead(404).end('Lampiran tidak ditemukan');
        response.writeHead(200, { 'content-type': file.contentType, 'content-disposition': `inline; filename="${file.filename.replace(/[^\w.-]/g, '_')}"` }).end(file.content);
        return;
      }
      if (requestUrl.pathname === '/api/mails') {
        const mails = inbox.mails.map(({ attachments, ...mail }) => ({ ...mail, attachments: attachments.map(({ filename, contentType }) => ({ filename, contentType })) }));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mails));
        return;
      }
      const cards = inbox.mails
        .map((mail, index) => ({ mail, index }))
        .reverse()
        .map(
          ({ mail, index }) => `<div class="card"><strong>${escapeHtml(mail.subject)}</strong>
<div class="muted">Dari ${escapeHtml(mail.from)} · kepada ${escapeHtml(mail.to)} · ${mail.receivedAt.toISOString()}</div>
<pre>${escapeHtml(mail.text)}</pre>${mail.attachments.map((file, n) => `<a href="/mails/${index}/attachments/${n}">📎 ${escapeHtml(file.filename)}</a>`).join(' ')}</div>`,
        )
        .join('');
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(pageHtml('Kotak masuk email (sandbox)', `<p class="muted">SMTP ${smtp.url} · ${inbox.mails.length} email</p>${cards || '<p>Belum ada email.</p>'}`));
    });
    return {
      addresses: [`page ${url}/`, `SMTP ${smtp.url}`],
      stop: async () => {
        await closeHttp(server);
        await inbox.stop();
      },
    };
  }
}
