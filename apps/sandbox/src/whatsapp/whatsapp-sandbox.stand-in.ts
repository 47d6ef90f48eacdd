import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningStandIn, StandIn } from '../stand-in';
import { closeHttp, escapeHtml, listenHttp, pageHtml } from '../shared/http-page';

/** A 1×1 PNG: the "photo of a transfer receipt" a person can send from a chat to try the chatbot's "bukti". */
const SAMPLE_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface ChatMessage {
  messageId: string;
  fromCustomer: boolean;
  text: string;
  photo: boolean;
  status: 'delivered' | 'read';
  at: Date;
}

/** What the WhatsApp channel polls: receipts of what it sent, and what customers wrote. */
export type SandboxEvent =
  | { seq: number; type: 'receipt'; tenantId: string; messageId: string; status: 'delivered' | 'read' }
  | { seq: number; type: 'inbound'; tenantId: string; from: string; messageId: string; text: string; image?: { base64: string; mimetype: string } };

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const json = (response: ServerResponse, status: number, value: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

type Unsequenced<E> = E extends SandboxEvent ? Omit<E, 'seq'> : never;

/**
 * The WhatsApp sandbox: each customer's chat with the mitra's number as the customer's phone shows it. The worker's
 * WhatsApp channel posts messages to `POST /api/messages` (a repeated message id is dropped, as WhatsApp does) and
 * polls `GET /api/events?after=<seq>` for receipts (delivered at once, read when the chat is opened) and for what a
 * person types into a chat (or a sample transfer photo), which the chatbot answers.
 */
export class WhatsappSandboxStandIn implements StandIn {
  readonly name = 'WhatsApp sandbox';
  private readonly chats = new Map<string, ChatMessage[]>();
  private readonly events: SandboxEvent[] = [];

  constructor(private readonly options: { port?: number } = {}) {}

  async start(): Promise<RunningStandIn> {
    const { server, url } = await listenHttp(this.options.port ?? 3103, (request, response, requestUrl) => this.route(request, response, requestUrl));
    return { addresses: [`page ${url}/`], stop: () => closeHttp(server) };
  }

  private async route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method === 'POST' && url.pathname === '/api/messages') {
      const message = JSON.parse(await body(request)) as { tenantId: string; to: string; text: string; messageId: string };
      if (!message.tenantId || !/^62\d{8,13}$/.test(message.to ?? '') || !message.text || !message.messageId) return json(response, 400, { error: 'tenantId, to (62…), text dan messageId wajib diisi' });
      const chat = this.chat(message.tenantId, message.to);
      if (!chat.some((kept) => kept.messageId === message.messageId)) {
        chat.push({ messageId: message.messageId, fromCustomer: false, text: message.text, photo: false, status: 'delivered', at: new Date() });
        this.push({ type: 'receipt', tenantId: message.tenantId, messageId: message.messageId, status: 'delivered' });
      }
      return json(response, 200, { id: message.messageId });
    }
    if (request.method === 'GET' && url.pathname === '/api/events') {
      const after = Number(url.searchParams.get('after') ?? 0);
      return json(response, 200, this.events.filter((event) => event.seq > after));
    }
    const chatPath = /^\/chat\/([\w-]+)\/(62\d{8,13})(\/reply|\/photo)?$/.exec(url.pathname);
    if (chatPath) {
      const [, tenantId, phone, action] = chatPath;
      if (request.method === 'POST' && action) {
        const text = action === '/reply' ? (new URLSearchParams(await body(request)).get('text') ?? '').trim() : 'bukti';
        if (text || action === '/photo') this.customerWrites(tenantId, phone, text, action === '/photo');
        return void response.writeHead(303, { location: `/chat/${tenantId}/${phone}` }).end();
      }
      return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(this.chatPage(tenantId, phone));
    }
    const rows = [...this.chats.entries()].map(([key, chat]) => {
      const [tenantId, phone] = key.split('/');
      const last = chat[chat.length - 1];
      return `<div class="card"><a href="/chat/${tenantId}/${phone}"><strong>+${phone}</strong></a> <span class="muted">mitra ${escapeHtml(tenantId.slice(0, 8))} · ${chat.length} pesan</span><pre>${escapeHtml(last.text.slice(0, 160))}</pre></div>`;
    });
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml('WhatsApp sandbox', rows.join('') || '<p>Belum ada percakapan. Pesan ke pelanggan muncul di sini.</p>'));
  }

  private chatPage(tenantId: string, phone: string): string {
    const chat = this.chat(tenantId, phone);
    for (const message of chat) {
      if (!message.fromCustomer && message.status !== 'read') {
        message.status = 'read';
        this.push({ type: 'receipt', tenantId, messageId: message.messageId, status: 'read' });
      }
    }
    const bubbles = chat
      .map((m) => `<div class="card" style="margin-${m.fromCustomer ? 'left' : 'right'}:20%;background:${m.fromCustomer ? '#dcf8c6' : '#fff'}">${m.photo ? '🖼️ <em>foto</em><br>' : ''}<pre>${escapeHtml(m.text)}</pre><div class="muted">${m.at.toISOString()}${m.fromCustomer ? '' : ' ✓✓'}</div></div>`)
      .join('');
    const form = `<form method="post" action="/chat/${tenantId}/${phone}/reply"><input name="text" placeholder="Ketik balasan, mis. tagihan, bayar, status, STOP" size="50" autofocus> <button>Kirim</button></form>
<form method="post" action="/chat/${tenantId}/${phone}/photo"><button>Kirim foto bukti transfer (contoh)</button></form>`;
    return pageHtml(`Chat +${phone}`, `<p><a href="/">← semua chat</a></p>${bubbles}${form}`, 5);
  }

  private customerWrites(tenantId: string, phone: string, text: string, photo: boolean): void {
    const messageId = `SBX${Date.now().toString(36).toUpperCase()}${this.events.length}`;
    this.chat(tenantId, phone).push({ messageId, fromCustomer: true, text, photo, status: 'read', at: new Date() });
    this.push({ type: 'inbound', tenantId, from: phone, messageId, text, ...(photo ? { image: { base64: SAMPLE_PHOTO.toString('base64'), mimetype: 'image/png' } } : {}) });
  }

  private chat(tenantId: string, phone: string): ChatMessage[] {
    const key = `${tenantId}/${phone}`;
    let chat = this.chats.get(key);
    if (!chat) this.chats.set(key, (chat = []));
    return chat;
  }

  private push(event: Unsequenced<SandboxEvent>): void {
    this.events.push({ ...event, seq: this.events.length + 1 } as SandboxEvent);
  }
}
