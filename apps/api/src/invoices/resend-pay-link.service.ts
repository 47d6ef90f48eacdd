import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jakartaDateOf } from '@lunas/domain';
import { recipientsOf } from '@lunas/messaging';
import { Customer, lockInvoice } from '@lunas/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { MessagingService } from '../messaging/messaging.service';
import { InvoicesService } from './invoices.service';

/** A second resend of the same invoice within this window queues nothing new (double clicks, two tabs, retries). */
export const RESEND_WINDOW_SECONDS = 120;
const ACTION = 'invoice.resend_link';
/** The template the link goes out in: "Pengingat Tagihan WiFi … Bayar di: {link_bayar} … Abaikan jika sudah membayar". */
const TEMPLATE = 'payment_reminder_1';

const REFUSED: Partial<Record<string, string>> = {
  paid: 'Tagihan ini sudah lunas; tautan pembayaran tidak dikirim ulang.',
  void: 'Tagihan ini sudah dibatalkan; tautan pembayaran tidak dikirim ulang.',
};

export interface ResentPayLink {
  channels: string[];
  payLink: string;
  queuedAt: Date;
  alreadyQueued: boolean;
}

/**
 * Sends the customer the pay link of an invoice again, on the mitra's sender queue (the same path as dunning notices:
 * consent, "STOP", pacing, delivery exactly once per key). Refused for a paid or void invoice and for a customer with
 * no agreed channel. One resend per invoice per window: the request that finds one queued in the window answers with
 * it and re-signals the same message key, so a double click or a retry after a crash never sends twice.
 */
@Injectable()
export class ResendPayLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoicesService,
    private readonly messaging: MessagingService,
    private readonly audit: AuditService,
  ) {}

  async resend(user: AuthenticatedUser, invoiceId: string, reason: string | undefined, ip: string | null): Promise<ResentPayLink> {
    const invoice = await this.invoices.get(user, invoiceId);
    const customer = await this.dataSource.manager.findOneOrFail(Customer, {
      where: { id: invoice.customerId, tenantId: invoice.tenantId },
      select: { id: true, phone: true, email: true, whatsappConsent: true, emailConsent: true, broadcastOptOutAt: true },
    });
    const recipients = recipientsOf(customer, 'billing');
    if ('skipped' in recipients) throw new ConflictException(`Tautan pembayaran tidak bisa dikirim: ${recipients.skipped}. Lengkapi kontak dan persetujuan pelanggan dulu.`);
    const channels = recipients.map((recipient) => recipient.channel);

    const queued = await this.dataSource.transaction(async (m) => {
      const locked = await lockInvoice(m, invoice.tenantId, invoice.id);
      if (!locked) throw new NotFoundException('Tagihan tidak ditemukan.');
      const refusal = REFUSED[locked.status];
      if (refusal) throw new ConflictException(refusal);
      const earlier = await this.queuedWithinWindow(m, invoice.id);
      if (earlier) return { queuedAt: earlier, alreadyQueued: true };
      await this.audit.record(
        { actorUserId: user.userId, tenantId: invoice.tenantId, action: ACTION, entityType: 'invoice', entityId: invoice.id, before: null, after: { channels, template: TEMPLATE }, reason: reason ?? null, sourceIp: ip },
        m,
      );
      return { queuedAt: (await this.queuedWithinWindow(m, invoice.id)) as Date, alreadyQueued: false };
    });

    await this.messaging.enqueue(invoice.tenantId, [
      {
        tenantId: invoice.tenantId,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        kind: TEMPLATE,
        vars: {
          nomorTagihan: invoice.number,
          periode: invoice.period,
          jatuhTempo: jakartaDateOf(new Date(invoice.dueAt).getTime()),
          totalTagihan: invoice.total,
          denda: invoice.lateFee,
          sisaTagihan: invoice.balance,
          linkBayar: invoice.payLink,
        },
        idempotencyKey: `resend-link:${invoice.id}:${queued.queuedAt.getTime()}`,
      },
    ]);
    return { channels, payLink: invoice.payLink, ...queued };
  }

  /** When the first resend of the invoice in the current window was queued, if any. */
  private async queuedWithinWindow(m: EntityManager, invoiceId: string): Promise<Date | null> {
    const [row]: Array<{ created_at: Date }> = await m.query(
      `SELECT created_at FROM audit_log WHERE action = $1 AND entity_type = 'invoice' AND entity_id = $2
          AND created_at > now() - make_interval(secs => $3) ORDER BY created_at LIMIT 1`,
      [ACTION, invoiceId, RESEND_WINDOW_SECONDS],
    );
    return row?.created_at ?? null;
  }
}
