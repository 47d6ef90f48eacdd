import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jakartaInstant } from '@lunas/domain';
import {
  parseBankStatement, previewBankStatement, summarisePreview, type StatementBank, type StatementRowOutcome, type StatementRowPreview, type StatementTransaction,
} from '@lunas/payments';
import { BankImport, PaymentConflictError, type ClaimedSignal, type LedgerBatch, type LedgerInvoice } from '@lunas/persistence';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { tenantFilter } from '../auth/tenant-scope';
import { PaymentLedgerService } from '../payments/payment-ledger.service';
import { PaymentSignalRelay } from '../payments/payment-signal.relay';
import { PaymentsErrorCode, PaymentsException } from '../payments/payments.exception';
import { InvoiceResolver } from './invoice-resolver';

/** `gateway` of payments recorded from bank statements; their transaction id is the row fingerprint. */
export const BANK_IMPORT_GATEWAY = 'bank_csv';

export interface BankImportPreview {
  id: string;
  bank: StatementBank;
  layout: string;
  accountNumber?: string;
  summary: Readonly<Record<StatementRowOutcome, number>>;
  rows: StatementRowPreview[];
}

export type ConfirmedRowOutcome = 'recorded' | 'already_imported' | 'skipped';

export interface BankImportReport {
  id: string;
  recorded: number;
  alreadyImported: number;
  /** Rows left for Finance: ambiguous, unmatched and invalid, with the preview's reason. */
  skipped: number;
  rows: Array<{ rowNumber: number; outcome: ConfirmedRowOutcome; reason: string; paymentId?: string; invoiceId?: string; amount?: number }>;
}

interface StoredPreview {
  layout: string;
  accountNumber?: string;
  summary: Record<StatementRowOutcome, number>;
  rows: StatementRowPreview[];
}

/**
 * Bank statement import: preview (parse, match against the tenant's open invoices, store) then confirm
 * (record the matched rows as payments). Rows are recorded idempotently by fingerprint, so importing
 * the same or an overlapping file again records nothing twice.
 */
@Injectable()
export class BankImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolver: InvoiceResolver,
    private readonly ledger: PaymentLedgerService,
    private readonly relay: PaymentSignalRelay,
    private readonly audit: AuditService,
  ) {}

  async preview(file: Buffer, fileName: string | null, bank: StatementBank, year: number | undefined, tenantId: string, user: AuthenticatedUser): Promise<BankImportPreview> {
    const parsed = parseBankStatement(file, bank, { year });
    if (!parsed.ok) throw new PaymentsException(PaymentsErrorCode.BankFileInvalid, parsed.error.message);
    return this.dataSource.transaction(async (m) => {
      const fingerprints = parsed.rows.flatMap((row) => (row.status === 'valid' ? [row.fingerprint] : []));
      const known: Array<{ id: string }> = await m.query(
        `SELECT gateway_transaction_id AS id FROM payments WHERE gateway = $1 AND tenant_id = $2 AND gateway_transaction_id = ANY($3)`,
        [BANK_IMPORT_GATEWAY, tenantId, fingerprints],
      );
      const rows = previewBankStatement(parsed.rows, await this.resolver.openInvoices(m, tenantId), { knownFingerprints: new Set(known.map((row) => row.id)) });
      const stored: StoredPreview = { layout: parsed.layout, accountNumber: parsed.accountNumber, summary: { ...summarisePreview(rows) }, rows };
      const entity = m.create(BankImport, {
        tenantId, bank, fileName, fileSha256: createHash('sha256').update(file).digest('hex'), status: 'previewed',
        preview: stored as never, createdBy: user.userId,
      });
      await m.save(BankImport, entity);
      return { id: entity.id, bank, ...stored };
    });
  }

  /**
   * Records the matched rows in one ledger batch (invoices locked together). A row whose fingerprint is
   * recorded already (by an earlier or a concurrent import) or whose invoice is void is reported as
   * already imported; a concurrent import of the same row makes the whole confirmation start over once.
   */
  async confirm(importId: string, user: AuthenticatedUser, sourceIp: string | null): Promise<BankImportReport> {
    const confirmOnce = () => this.dataSource.transaction((m) => this.confirmIn(m, importId, user, sourceIp));
    const { report, claimed } = await confirmOnce().catch((error: unknown) => {
      if (error instanceof PaymentConflictError) return confirmOnce();
      throw error;
    });
    this.relay.dispatch(claimed);
    return report;
  }

  private async confirmIn(m: EntityManager, importId: string, user: AuthenticatedUser, sourceIp: string | null): Promise<{ report: BankImportReport; claimed: ClaimedSignal[] }> {
    const scope = tenantFilter(user);
    const bankImport = await m.createQueryBuilder(BankImport, 'b').setLock('pessimistic_write').where('b.id = :importId', { importId }).getOne();
    if (!bankImport || (scope.tenantId && bankImport.tenantId !== scope.tenantId)) throw new PaymentsException(PaymentsErrorCode.BankImportNotFound);
    if (bankImport.status === 'confirmed') throw new PaymentsException(PaymentsErrorCode.BankImportConfirmed);
    const preview = bankImport.preview as unknown as StoredPreview;
    const matched = preview.rows.filter((row) => row.outcome === 'matched' && row.transaction && row.invoiceId);
    const batch = this.ledger.open();
    const invoices = await batch.lockInvoices(m, matched.map((row) => row.invoiceId as string), { tenantId: bankImport.tenantId });
    const known: Array<{ id: string }> = await m.query(
      `SELECT gateway_transaction_id AS id FROM payments WHERE gateway = $1 AND gateway_transaction_id = ANY($2::varchar[])`,
      [BANK_IMPORT_GATEWAY, matched.map((row) => row.transaction?.fingerprint)],
    );
    const recorded = new Set(known.map((row) => row.id));
    const rows: BankImportReport['rows'] = [];
    for (const row of preview.rows) {
      const invoice = row.invoiceId ? invoices.get(row.invoiceId) : undefined;
      if (row.outcome !== 'matched' || !row.transaction || !row.invoiceId) {
        rows.push({ rowNumber: row.rowNumber, outcome: row.outcome === 'already_imported' ? 'already_imported' : 'skipped', reason: row.reason });
      } else if (!invoice || invoice.status === 'void' || recorded.has(row.transaction.fingerprint)) {
        rows.push({ rowNumber: row.rowNumber, outcome: 'already_imported', reason: row.reason, invoiceId: row.invoiceId, amount: row.transaction.amount });
      } else {
        recorded.add(row.transaction.fingerprint);
        const paymentId = this.recordRow(batch, bankImport, row.transaction, invoice, row, user);
        rows.push({ rowNumber: row.rowNumber, outcome: 'recorded', reason: row.reason, paymentId, invoiceId: row.invoiceId, amount: row.transaction.amount });
      }
    }
    const report: BankImportReport = {
      id: bankImport.id,
      recorded: rows.filter((row) => row.outcome === 'recorded').length,
      alreadyImported: rows.filter((row) => row.outcome === 'already_imported').length,
      skipped: rows.filter((row) => row.outcome === 'skipped').length,
      rows,
    };
    const claimed = await batch.flush(m);
    await m.update(BankImport, { id: bankImport.id }, { status: 'confirmed', report: report as never, confirmedBy: user.userId, confirmedAt: new Date() });
    await this.audit.record(
      {
        actorUserId: user.userId, tenantId: bankImport.tenantId, action: 'bank_import.confirmed', entityType: 'bank_import', entityId: bankImport.id,
        after: { recorded: report.recorded, alreadyImported: report.alreadyImported, skipped: report.skipped, bank: bankImport.bank, fileName: bankImport.fileName },
        sourceIp,
      },
      m,
    );
    return { report, claimed };
  }

  /**
   * One click from the reconciliation queue: records a row a confirmed import left (ambiguous or unmatched) as a payment
   * on the invoice a person chose, with their reason. A row recorded since (by this or another import) is refused (409).
   */
  async matchRow(importId: string, rowNumber: number, invoiceId: string, reason: string, user: AuthenticatedUser, sourceIp: string | null): Promise<{ paymentId: string; invoiceId: string }> {
    const { result, claimed } = await this.dataSource.transaction(async (m) => {
      const scope = tenantFilter(user);
      const bankImport = await m.createQueryBuilder(BankImport, 'b').setLock('pessimistic_write').where('b.id = :importId', { importId }).getOne();
      if (!bankImport || (scope.tenantId && bankImport.tenantId !== scope.tenantId)) throw new PaymentsException(PaymentsErrorCode.BankImportNotFound);
      const row = (bankImport.preview as unknown as StoredPreview).rows.find((candidate) => candidate.rowNumber === rowNumber);
      if (bankImport.status !== 'confirmed' || !row?.transaction || (row.outcome !== 'ambiguous' && row.outcome !== 'unmatched')) {
        throw new ConflictException('Baris mutasi ini tidak menunggu pencocokan (impor belum dikonfirmasi, atau barisnya sudah cocok atau tidak valid).');
      }
      const [known] = await m.query(`SELECT 1 FROM payments WHERE gateway = $1 AND gateway_transaction_id = $2`, [BANK_IMPORT_GATEWAY, row.transaction.fingerprint]);
      if (known) throw new ConflictException('Baris mutasi ini sudah dicatat sebagai pembayaran.');
      const batch = this.ledger.open();
      const invoice = (await batch.lockInvoices(m, [invoiceId], { tenantId: bankImport.tenantId })).get(invoiceId);
      if (!invoice) throw new PaymentsException(PaymentsErrorCode.InvoiceNotFound);
      if (invoice.status === 'void') throw new ConflictException('Tagihan ini sudah dibatalkan; pilih tagihan lain.');
      const paymentId = this.recordRow(batch, bankImport, row.transaction, invoice, { ...row, rule: 'operator', reason }, user, sourceIp);
      return { result: { paymentId, invoiceId }, claimed: await batch.flush(m) };
    });
    this.relay.dispatch(claimed);
    return result;
  }

  /** Queues one matched row as a payment received on its invoice; returns the payment id. */
  private recordRow(
    batch: LedgerBatch, bankImport: BankImport, transaction: StatementTransaction, invoice: LedgerInvoice, row: StatementRowPreview, user: AuthenticatedUser, sourceIp: string | null = null,
  ): string {
    const payment = batch.createPayment({
      tenantId: bankImport.tenantId, invoiceId: invoice.id, customerId: invoice.customerId, gateway: BANK_IMPORT_GATEWAY,
      gatewayTransactionId: transaction.fingerprint, method: 'transfer', amount: transaction.amount, status: 'succeeded',
      paidAt: new Date(jakartaInstant(transaction.date)), matchedRule: row.rule ?? null, recordedBy: user.userId,
      raw: { bankImportId: bankImport.id, rowNumber: row.rowNumber, description: transaction.description, date: transaction.date },
    });
    batch.receive(payment, invoice, 'bank_import');
    batch.audit({
      actorUserId: user.userId, tenantId: bankImport.tenantId, action: 'payment.matched', entityType: 'payment', entityId: payment.id,
      after: { source: 'bank_import', bankImportId: bankImport.id, rowNumber: row.rowNumber, invoiceId: invoice.id, rule: row.rule, reason: row.reason, amount: transaction.amount },
      reason: row.rule === 'operator' ? row.reason : null,
      sourceIp,
    });
    return payment.id;
  }
}
