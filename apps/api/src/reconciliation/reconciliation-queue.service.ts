import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, ReconciliationCandidate, ReconciliationItem } from '@lunas/contracts';
import { PaymentGatewayRegistry, type NormalisedPaymentEvent, type StatementRowPreview } from '@lunas/payments';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import { assertSameTenant, tenantFilter } from '../auth/tenant-scope';
import { GatewayPaymentService } from '../payments/gateway-payment.service';
import { PaymentSignalRelay } from '../payments/payment-signal.relay';
import { BANK_IMPORT_GATEWAY, BankImportsService } from './bank-imports.service';

const NOT_FOUND = 'Item antrean rekonsiliasi tidak ditemukan.';
/** How many parked events and confirmed imports the queue reads (newest first); more waiting than this is an incident. */
const QUEUE_SCAN_LIMIT = 500;
const DEFAULT_ACCOUNT_ID = 'default';

interface ParkedEventRow { id: string; gateway: string; account_id: string | null; event: NormalisedPaymentEvent | null; last_error: string | null; received_at: Date }
interface ImportRow { id: string; tenant_id: string; bank: string; preview: { rows: StatementRowPreview[] }; confirmed_at: Date }

/**
 * Finance's reconciliation queue: gateway events parked because no invoice matched (or a rule wants a person), and
 * bank rows confirmed imports left ambiguous or unmatched. One click books the money on the invoice a person chose.
 */
@Injectable()
export class ReconciliationQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PaymentGatewayRegistry,
    private readonly gatewayPayments: GatewayPaymentService,
    private readonly bankImports: BankImportsService,
    private readonly relay: PaymentSignalRelay,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: { page: number; pageSize: number }): Promise<Page<ReconciliationItem>> {
    const tenantId = tenantFilter(ctx.user).tenantId ?? null;
    const items = [...(await this.parkedEvents(tenantId)), ...(await this.waitingBankRows(tenantId))].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const start = (query.page - 1) * query.pageSize;
    return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
  }

  /** Books a queue item on the invoice chosen; answers what was recorded. */
  async match(ctx: RequestContext, itemId: string, invoiceId: string, reason: string): Promise<{ itemId: string; invoiceId: string; paymentId: string | null }> {
    const bank = /^bank:([0-9a-f-]{36}):(\d{1,7})$/.exec(itemId);
    if (bank) {
      return { itemId, ...(await this.bankImports.matchRow(bank[1], Number(bank[2]), invoiceId, reason, ctx.user, ctx.ip)) };
    }
    const event = /^event:([0-9a-f-]{36})$/.exec(itemId);
    if (!event) throw new NotFoundException(NOT_FOUND);
    return this.matchParkedEvent(ctx, event[1], invoiceId, reason);
  }

  private async matchParkedEvent(ctx: RequestContext, eventId: string, invoiceId: string, reason: string) {
    const scope = tenantFilter(ctx.user).tenantId;
    const { claimed, paymentId } = await this.dataSource.transaction(async (m) => {
      const [row]: Array<{ id: string; event: NormalisedPaymentEvent | null; account_id: string | null }> = await m.query(
        `SELECT id, event, account_id FROM payment_events WHERE id = $1 AND status = 'parked' FOR UPDATE`,
        [eventId],
      );
      const accountId = row?.account_id ?? DEFAULT_ACCOUNT_ID;
      if (!row?.event || (scope && accountId !== scope)) throw new NotFoundException(NOT_FOUND);
      const [invoice] = await m.query(`SELECT id, tenant_id AS "tenantId", status FROM invoices WHERE id = $1`, [invoiceId]);
      assertSameTenant(ctx.user, invoice ?? null, 'Tagihan tidak ditemukan.');
      if (invoice.status === 'void') throw new ConflictException('Tagihan ini sudah dibatalkan; pilih tagihan lain.');
      if (!this.registry.serves(accountId, invoice.tenantId)) {
        throw new ConflictException('Notifikasi ini ditandatangani akun gateway yang tidak melayani mitra tagihan tersebut; tidak bisa dicocokkan.');
      }
      const signals = await this.gatewayPayments.book(m, [{ id: eventId, event: row.event, accountId }], new Map([[eventId, invoiceId]]));
      const [after] = await m.query(`SELECT status, last_error FROM payment_events WHERE id = $1`, [eventId]);
      if (after.status === 'parked') throw new ConflictException(`Pembayaran belum bisa dicatat: ${after.last_error}`);
      const [payment] = await m.query(`SELECT id FROM payments WHERE gateway = $1 AND gateway_transaction_id = $2`, [row.event.gateway, row.event.gatewayTransactionId]);
      await this.audit.record(
        {
          actorUserId: ctx.user.userId, tenantId: invoice.tenantId, action: 'reconciliation.match', entityType: 'payment_event', entityId: eventId,
          after: { invoiceId, paymentId: payment?.id ?? null, gateway: row.event.gateway, gatewayTransactionId: row.event.gatewayTransactionId }, reason, sourceIp: ctx.ip,
        },
        m,
      );
      return { claimed: signals, paymentId: (payment?.id as string | undefined) ?? null };
    });
    this.relay.dispatch(claimed);
    return { itemId: `event:${eventId}`, invoiceId, paymentId };
  }

  private async parkedEvents(tenantId: string | null): Promise<ReconciliationItem[]> {
    const rows: ParkedEventRow[] = await this.dataSource.query(
      `SELECT id, gateway, account_id, event, last_error, received_at FROM payment_events
        WHERE status = 'parked' AND ($1::varchar IS NULL OR account_id = $1) ORDER BY received_at DESC LIMIT ${QUEUE_SCAN_LIMIT}`,
      [tenantId],
    );
    return rows.map((row) => ({
      id: `event:${row.id}`, kind: 'parked_event', tenantId: row.account_id && row.account_id !== DEFAULT_ACCOUNT_ID ? row.account_id : null,
      receivedAt: row.received_at.toISOString(), gateway: row.gateway, reference: row.event?.gatewayTransactionId ?? '', amount: row.event?.amount ?? null,
      description: row.event?.orderId ? `Order ${row.event.orderId}` : '', reason: row.last_error ?? '', candidates: [],
    }));
  }

  private async waitingBankRows(tenantId: string | null): Promise<ReconciliationItem[]> {
    const imports: ImportRow[] = await this.dataSource.query(
      `SELECT id, tenant_id, bank, preview, confirmed_at FROM bank_imports
        WHERE status = 'confirmed' AND ($1::uuid IS NULL OR tenant_id = $1) ORDER BY confirmed_at DESC LIMIT ${QUEUE_SCAN_LIMIT}`,
      [tenantId],
    );
    const waiting = imports.flatMap((bankImport) =>
      bankImport.preview.rows
        .filter((row) => row.transaction && row.transaction.direction === 'credit' && (row.outcome === 'ambiguous' || row.outcome === 'unmatched'))
        .map((row) => ({ bankImport, row })),
    );
    if (!waiting.length) return [];
    const recorded = new Set<string>(
      (await this.dataSource.query(`SELECT gateway_transaction_id AS id FROM payments WHERE gateway = $1 AND gateway_transaction_id = ANY($2::varchar[])`, [
        BANK_IMPORT_GATEWAY, waiting.map(({ row }) => row.transaction?.fingerprint),
      ])).map((row: { id: string }) => row.id),
    );
    const candidates = await this.candidates(waiting.flatMap(({ row }) => row.candidateInvoiceIds ?? []));
    return waiting
      .filter(({ row }) => !recorded.has(row.transaction?.fingerprint as string))
      .map(({ bankImport, row }) => ({
        id: `bank:${bankImport.id}:${row.rowNumber}`, kind: 'ambiguous_bank_row', tenantId: bankImport.tenant_id, receivedAt: bankImport.confirmed_at.toISOString(),
        gateway: `bank_${bankImport.bank}`, reference: row.transaction?.reference ?? `baris ${row.rowNumber}`, amount: row.transaction?.amount ?? null,
        description: row.transaction?.description ?? '', reason: row.reason,
        candidates: (row.candidateInvoiceIds ?? []).flatMap((id) => candidates.get(id) ?? []),
      }));
  }

  private async candidates(invoiceIds: string[]): Promise<Map<string, ReconciliationCandidate>> {
    if (!invoiceIds.length) return new Map();
    const rows: ReconciliationCandidate[] = await this.dataSource.query(
      `SELECT i.id AS "invoiceId", i.number, c.name AS "customerName", (i.total - i.amount_paid)::float8 AS balance
         FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = ANY($1::uuid[])`,
      [invoiceIds],
    );
    return new Map(rows.map((row) => [row.invoiceId, row]));
  }
}
