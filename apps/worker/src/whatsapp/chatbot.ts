import { formatIndonesianDate, formatPeriodLabel, formatRupiah, jakartaDateOf } from '@lunas/domain';
import { chatbotIntentOf, type ChatbotIntent } from '@lunas/messaging';
import { Customer, InboundMessage, Invoice, OperatorNotification, Subscription, payLinkOf } from '@lunas/persistence';
import { In, type DataSource, type EntityManager } from 'typeorm';

export interface InboundWhatsapp {
  from: string;
  messageId: string;
  text: string;
  image?: { content: Buffer; mimetype: string };
}

const NOT_REGISTERED = 'Nomor Anda belum terdaftar sebagai pelanggan. Pesan Anda sudah kami teruskan ke petugas.';
const HANDED_OVER = 'Pesan Anda sudah kami teruskan ke petugas. Mohon tunggu balasannya 🙏';

/**
 * The WhatsApp chatbot (000_ §9): answers "tagihan" / "cek tagihan" (outstanding bills with pay links), "bayar" (the
 * pay link), "status" (active or isolated), "bukti" (a transfer photo, attached to the oldest outstanding invoice for
 * a kasir to confirm), "STOP" / "MULAI" (broadcasts off / on); anything else goes to a person through the operators'
 * notifications. Each message is handled once (unique per provider message id); `handle` answers the reply to send,
 * or null for a repeat.
 */
export class Chatbot {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publicBaseUrl: string,
  ) {}

  async handle(tenantId: string, message: InboundWhatsapp): Promise<string | null> {
    return this.dataSource.transaction(async (m) => {
      const customers = await m.find(Customer, { where: { tenantId, phone: message.from }, order: { createdAt: 'ASC' } });
      const outstanding = customers.length
        ? await m.find(Invoice, { where: { tenantId, customerId: In(customers.map((c) => c.id)), status: In(['unpaid', 'partial']) }, order: { dueAt: 'ASC' } })
        : [];
      const intent = chatbotIntentOf(message.text, Boolean(message.image));
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(InboundMessage)
        .values({
          tenantId,
          customerId: customers[0]?.id ?? null,
          invoiceId: intent === 'bukti' && message.image ? (outstanding[0]?.id ?? null) : null,
          sender: message.from,
          providerMessageId: message.messageId,
          text: message.text,
          image: message.image?.content ?? null,
          imageType: message.image?.mimetype ?? null,
          intent: customers.length || intent === 'human' ? intent : 'human',
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return null;
      if (!customers.length) {
        await this.handOver(m, tenantId, message, message.from);
        return NOT_REGISTERED;
      }
      return this.reply(m, intent, customers, outstanding, message);
    });
  }

  private async reply(m: EntityManager, intent: ChatbotIntent, customers: Customer[], outstanding: Invoice[], message: InboundWhatsapp): Promise<string> {
    const [customer] = customers;
    const line = (invoice: Invoice) =>
      `• ${invoice.number} periode ${formatPeriodLabel(invoice.period)}: *${formatRupiah(invoice.total - invoice.amountPaid)}* (jatuh tempo ${formatIndonesianDate(jakartaDateOf(invoice.dueAt.getTime()))})\n  Bayar: ${payLinkOf(this.publicBaseUrl, invoice.receiptToken)}`;
    switch (intent) {
      case 'tagihan':
        return outstanding.length
          ? [`Halo *${customer.name}*, tagihan Anda yang belum dibayar:`, ...outstanding.map(line)].join('\n')
          : `Halo *${customer.name}*, tidak ada tagihan yang belum dibayar. Terima kasih 🙏`;
      case 'bayar':
        return outstanding.length ? `Silakan bayar di tautan berikut:\n${line(outstanding[0])}` : 'Tidak ada tagihan yang perlu dibayar saat ini. Terima kasih 🙏';
      case 'status': {
        const subscriptions = await m.findBy(Subscription, { tenantId: customer.tenantId, customerId: In(customers.map((c) => c.id)) });
        if (subscriptions.some((s) => s.status === 'suspended')) {
          return `Layanan WiFi Anda sedang *diisolir* karena tunggakan.${outstanding.length ? `\n${line(outstanding[0])}` : ''}\nLayanan aktif kembali otomatis setelah pembayaran diterima.`;
        }
        return subscriptions.some((s) => s.status === 'active') ? 'Layanan WiFi Anda *aktif*. Terima kasih 🙏' : 'Anda belum memiliki langganan aktif. Hubungi kami untuk berlangganan.';
      }
      case 'bukti':
        if (!message.image) return 'Silakan kirim *foto* bukti transfer Anda di chat ini.';
        await this.notify(m, customer.tenantId, 'payment.record', 'payment_proof', `Bukti transfer dari ${customer.name}`, `${customer.name} (${message.from}) mengirim foto bukti transfer${outstanding[0] ? ` untuk tagihan ${outstanding[0].number}` : ''}. Periksa dan catat pembayarannya.`, outstanding[0] ? { type: 'invoice', id: outstanding[0].id } : { type: 'customer', id: customer.id }, message);
        return 'Terima kasih, bukti transfer Anda sudah kami terima dan akan diperiksa oleh kasir. Kami kabari setelah pembayaran dicatat 🙏';
      case 'stop':
        await m.update(Customer, { id: In(customers.map((c) => c.id)) }, { broadcastOptOutAt: new Date() });
        return 'Baik, Anda tidak akan menerima pesan siaran (pengumuman dan promo) lagi. Tagihan dan pemberitahuan layanan tetap kami kirim. Balas MULAI untuk menerimanya kembali.';
      case 'mulai':
        await m.update(Customer, { id: In(customers.map((c) => c.id)) }, { broadcastOptOutAt: null });
        return 'Baik, Anda akan menerima pesan siaran lagi. Balas STOP untuk berhenti.';
      case 'human':
        await this.handOver(m, customer.tenantId, message, customer.name);
        return HANDED_OVER;
    }
  }

  private handOver(m: EntityManager, tenantId: string, message: InboundWhatsapp, who: string): Promise<void> {
    return this.notify(m, tenantId, 'notification.send', 'customer_message', `Pesan WhatsApp dari ${who}`, `${who} (${message.from}): ${message.text || '(tanpa teks)'}`, null, message);
  }

  private async notify(m: EntityManager, tenantId: string, permission: string, kind: string, title: string, body: string, entity: { type: string; id: string } | null, message: InboundWhatsapp): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(OperatorNotification)
      .values({ tenantId, permission, kind, title: title.slice(0, 255), body, entityType: entity?.type ?? null, entityId: entity?.id ?? null, idempotencyKey: `inbound:${tenantId}:${message.messageId}` })
      .orIgnore()
      .execute();
  }
}
