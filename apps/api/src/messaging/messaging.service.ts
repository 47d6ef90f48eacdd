import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import {
  MESSAGE_TEMPLATE_KINDS,
  MESSAGING_TASK_QUEUE,
  enqueueMessagesSignal,
  senderQueueStateQuery,
  senderQueueWorkflowId,
  type MessageTemplateKind,
  type QueuedMessage,
  type SenderQueueInput,
} from '@lunas/contracts';
import { DEFAULT_PACING, type PacingLimits } from '@lunas/domain';
import { DEFAULT_TEMPLATES, TEMPLATE_LABELS, TEMPLATE_VARIABLES, TemplateError, assertValidTemplate, renderTemplate } from '@lunas/messaging';
import { Customer, MessageTemplate, MessagingSettings, NotificationLog, WhatsappSession, tenantMessagingWindowAt } from '@lunas/persistence';
import { And, DataSource, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { jakartaRange } from '../reports/finance-range';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { BulkSendDto, ManualSendDto, MessageLogQueryDto, MessageTemplatesDto, MessagingSettingsDto, MessagingSettingsResponseDto, SenderQueueDto, WhatsappSessionDto } from './messaging.dto';

const STATUS_LABELS: Record<string, string> = { disconnected: 'Terputus', connecting: 'Menunggu scan QR', connected: 'Terhubung', logged_out: 'Perlu scan ulang' };
/** Sample values for template previews. */
const SAMPLE = { namaPelanggan: 'Budi Santoso', namaUsaha: 'WiFi Sukamaju', nomorTagihan: 'INV/2026/03/000123', periode: '2026-03', jatuhTempo: '2026-03-05', totalTagihan: 121_000, sisaTagihan: 121_000, denda: 10_000, linkBayar: 'https://lunas.example/bayar/contoh', tanggalIsolir: '2026-03-26', jumlahBayar: 121_000, tanggalBayar: '2026-03-04', janjiBayarSampai: '2026-03-20', jadwalPemeliharaan: 'Selasa 10 Maret 2026 01:00–03:00 WIB', rekening: 'BCA 1234567890 a.n. WiFi Sukamaju' };
/** Customers per enqueue signal: keeps each signal's payload small. */
const SIGNAL_CHUNK = 250;

/**
 * The mitra's messaging from the console: its WhatsApp session (status, live QR, pairing), its templates (checked
 * and previewed), the anti-ban queue of its sender and bulk sends into it, and the message log. Every change made by
 * a person is audited in the same transaction.
 */
@Injectable()
export class MessagingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly temporal: Client,
  ) {}

  async whatsapp(tenantId: string): Promise<WhatsappSessionDto> {
    const session = await this.dataSource.manager.findOneBy(WhatsappSession, { tenantId });
    const status = session?.status ?? 'disconnected';
    return {
      status,
      statusLabel: STATUS_LABELS[status],
      qrDataUrl: session?.qr ? await QRCode.toDataURL(session.qr, { margin: 1, width: 280 }) : null,
      pairingCode: session?.pairingCode ?? null,
      phoneNumber: session?.phoneNumber ?? null,
      lastSeenAt: session?.lastSeenAt ?? null,
      lastConnectedAt: session?.lastConnectedAt ?? null,
    };
  }

  /** Asks the session host to start the socket (QR, or a pairing code for `pairingPhone`). */
  async connect(user: AuthenticatedUser, tenantId: string, pairingPhone: string | undefined, ip: string | null): Promise<WhatsappSessionDto> {
    await this.dataSource.transaction(async (m) => {
      await m.upsert(WhatsappSession, { tenantId, pairingRequestedAt: new Date(), pairingPhone: pairingPhone ?? null, pairingCode: null }, ['tenantId']);
      await this.audit.record({ actorUserId: user.userId, tenantId, action: 'whatsapp.connect', entityType: 'whatsapp_session', entityId: null, before: null, after: { pairingPhone: pairingPhone ?? null }, sourceIp: ip }, m);
    });
    return this.whatsapp(tenantId);
  }

  async templates(tenantId: string): Promise<MessageTemplatesDto> {
    const own = new Map((await this.dataSource.manager.findBy(MessageTemplate, { tenantId })).map((row) => [row.kind, row.variants]));
    return {
      templates: MESSAGE_TEMPLATE_KINDS.map((kind) => ({ kind, label: TEMPLATE_LABELS[kind], variants: own.get(kind) ?? DEFAULT_TEMPLATES[kind], isDefault: !own.has(kind) })),
      variables: Object.entries(TEMPLATE_VARIABLES).map(([name, variable]) => ({ name, description: variable.description })),
    };
  }

  preview(variants: string[]): { previews: string[] } {
    variants.forEach(checked);
    return { previews: variants.map((variant) => renderTemplate([variant], SAMPLE, 'contoh')) };
  }

  async saveTemplate(user: AuthenticatedUser, tenantId: string, kind: string, variants: string[], ip: string | null): Promise<MessageTemplatesDto> {
    if (!(MESSAGE_TEMPLATE_KINDS as readonly string[]).includes(kind)) throw new NotFoundException(`Template ${kind} tidak dikenal.`);
    variants.forEach(checked);
    await this.dataSource.transaction(async (m) => {
      const before = await m.findOneBy(MessageTemplate, { tenantId, kind });
      await m.upsert(MessageTemplate, { tenantId, kind, variants, updatedBy: user.userId }, ['tenantId', 'kind']);
      await this.audit.record({ actorUserId: user.userId, tenantId, action: 'message_template.update', entityType: 'message_template', entityId: null, before: before ? { kind, variants: before.variants } : null, after: { kind, variants }, sourceIp: ip }, m);
    });
    return this.templates(tenantId);
  }

  async queue(tenantId: string): Promise<SenderQueueDto> {
    try {
      const state = await this.temporal.workflow.getHandle(senderQueueWorkflowId(tenantId)).query(senderQueueStateQuery);
      return { depth: state.depth, nextSendAt: state.nextSendAt === null ? null : new Date(state.nextSendAt).toISOString(), sentToday: state.sentToday, sentLastHour: state.sentLastHour, maxPerDay: state.limits.maxPerDay, maxPerHour: state.limits.maxPerHour };
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const limits = await this.pacing(tenantId);
      return { depth: 0, nextSendAt: null, sentToday: 0, sentLastHour: 0, maxPerDay: limits.maxPerDay, maxPerHour: limits.maxPerHour };
    }
  }

  /** Counts the customers the filter selects; unless previewing, queues one message each on the sender's queue. */
  async bulk(user: AuthenticatedUser, tenantId: string, input: BulkSendDto, ip: string | null): Promise<{ recipients: number; queued: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM customers c WHERE c.tenant_id = $1
          AND ($2 = 'all' OR EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.tenant_id = c.tenant_id AND i.status IN ('unpaid', 'partial')))
        ORDER BY c.created_at, c.id`,
      [tenantId, input.filter],
    );
    if (input.preview || rows.length === 0) return { recipients: rows.length, queued: 0 };
    const bulkId = randomUUID();
    const messages: QueuedMessage[] = rows.map(({ id }) => ({ tenantId, customerId: id, kind: input.kind as MessageTemplateKind, vars: input.vars ?? {}, idempotencyKey: `bulk:${bulkId}:${id}` }));
    await this.audit.record({ actorUserId: user.userId, tenantId, action: 'message.bulk_send', entityType: 'bulk_send', entityId: bulkId, before: null, after: { kind: input.kind, filter: input.filter, recipients: rows.length }, sourceIp: ip });
    await this.enqueue(tenantId, messages);
    return { recipients: rows.length, queued: messages.length };
  }

  /** A manual message to one customer of the tenant, through the sender's queue (404 for another tenant's customer). */
  async send(user: AuthenticatedUser, tenantId: string, input: ManualSendDto, ip: string | null): Promise<{ recipients: number; queued: number }> {
    if (!(await this.dataSource.manager.existsBy(Customer, { id: input.customerId, tenantId }))) throw new NotFoundException('Pelanggan tidak ditemukan.');
    const messageId = randomUUID();
    await this.audit.record({ actorUserId: user.userId, tenantId, action: 'message.manual_send', entityType: 'customer', entityId: input.customerId, before: null, after: { kind: input.kind, messageId }, sourceIp: ip });
    await this.enqueue(tenantId, [{ tenantId, customerId: input.customerId, kind: input.kind, vars: input.vars ?? {}, idempotencyKey: `manual:${messageId}` }]);
    return { recipients: 1, queued: 1 };
  }

  async log(tenantId: string, filter: Pick<MessageLogQueryDto, 'customerId' | 'status' | 'date'>): Promise<NotificationLog[]> {
    const day = filter.date ? jakartaRange(filter.date, filter.date) : null;
    return this.dataSource.manager.find(NotificationLog, {
      where: {
        tenantId,
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.status ? { status: filter.status === 'sent' ? In(['sent', 'simulated']) : filter.status } : {}),
        ...(day ? { createdAt: And(MoreThanOrEqual(day.start), LessThan(day.end)) } : {}),
      },
      order: { createdAt: 'DESC' },
      take: 100,
    });
  }

  async settings(tenantId: string): Promise<MessagingSettingsResponseDto> {
    return settingsView(await this.dataSource.manager.findOneBy(MessagingSettings, { tenantId }));
  }

  /** The mitra's SMTP server (password encrypted at rest, kept when omitted). */
  async saveSettings(user: AuthenticatedUser, tenantId: string, input: MessagingSettingsDto, ip: string | null): Promise<MessagingSettingsResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const before = await m.findOneBy(MessagingSettings, { tenantId });
      const smtp = input.smtp === undefined ? undefined : input.smtp;
      const next = {
        tenantId,
        ...(smtp === undefined ? {} : smtp === null
          ? { smtpHost: null, smtpPort: null, smtpSecure: false, smtpUser: null, smtpPassword: null, smtpFrom: null }
          : { smtpHost: smtp.host, smtpPort: smtp.port, smtpSecure: smtp.secure, smtpUser: smtp.user ?? null, smtpPassword: smtp.password ?? before?.smtpPassword ?? null, smtpFrom: smtp.from }),
      };
      await m.save(MessagingSettings, m.create(MessagingSettings, { ...(before ?? {}), ...next }));
      const after = settingsView(await m.findOneByOrFail(MessagingSettings, { tenantId }));
      await this.audit.record({ actorUserId: user.userId, tenantId, action: 'messaging_settings.update', entityType: 'messaging_settings', entityId: null, before: { ...settingsView(before) }, after: { ...after }, sourceIp: ip }, m);
      return after;
    });
  }

  /**
   * Puts messages on the tenant's sender queue, starting its workflow when it is not running. Each message carries
   * the send window of the mitra's settings in effect now, so a change in Pengaturan applies to the messages queued
   * after it and not to those already waiting.
   */
  async enqueue(tenantId: string, messages: Omit<QueuedMessage, 'window'>[]): Promise<void> {
    const window = await tenantMessagingWindowAt(this.dataSource.manager, tenantId);
    if (!window) throw new NotFoundException('Mitra tidak ditemukan.');
    const start: SenderQueueInput = { tenantId, limits: await this.pacing(tenantId), window };
    for (let i = 0; i < messages.length; i += SIGNAL_CHUNK) {
      await this.temporal.workflow.signalWithStart('senderQueueWorkflow', {
        taskQueue: MESSAGING_TASK_QUEUE,
        workflowId: senderQueueWorkflowId(tenantId),
        args: [start],
        signal: enqueueMessagesSignal,
        signalArgs: [messages.slice(i, i + SIGNAL_CHUNK).map((message) => ({ ...message, window }))],
      });
    }
  }

  /** The sender's limits: the mitra's settings (seconds) over the defaults of 004. */
  private async pacing(tenantId: string): Promise<PacingLimits> {
    const own = (await this.dataSource.manager.findOneBy(MessagingSettings, { tenantId }))?.pacing ?? {};
    const ms = (seconds: number | undefined, fallback: number) => (seconds === undefined ? fallback : seconds * 1_000);
    return {
      minDelayMs: ms(own.minDelaySeconds, DEFAULT_PACING.minDelayMs),
      maxDelayMs: ms(own.maxDelaySeconds, DEFAULT_PACING.maxDelayMs),
      jitterMs: ms(own.jitterSeconds, DEFAULT_PACING.jitterMs),
      maxPerHour: own.maxPerHour ?? DEFAULT_PACING.maxPerHour,
      maxPerDay: own.maxPerDay ?? DEFAULT_PACING.maxPerDay,
      batchSize: own.batchSize ?? DEFAULT_PACING.batchSize,
      batchPauseMs: ms(own.batchPauseSeconds, DEFAULT_PACING.batchPauseMs),
    };
  }
}

/** Settings as the console sees them: never the SMTP password, only whether one is stored. */
function settingsView(settings: MessagingSettings | null): MessagingSettingsResponseDto {
  return {
    smtp: settings?.smtpHost && settings.smtpPort
      ? { host: settings.smtpHost, port: settings.smtpPort, secure: settings.smtpSecure, user: settings.smtpUser, from: settings.smtpFrom, hasPassword: Boolean(settings.smtpPassword) }
      : null,
  };
}

/** A template the mitra wrote, or 400 naming what is wrong (an unknown `{variable}`). */
function checked(variant: string): void {
  try {
    assertValidTemplate(variant);
  } catch (error) {
    if (error instanceof TemplateError) throw new BadRequestException(error.message);
    throw error;
  }
}
