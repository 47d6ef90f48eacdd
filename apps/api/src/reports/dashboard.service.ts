import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AGING_BUCKET_LABELS, AGING_BUCKETS, type AgingBucket, type DashboardSummary, type Kpi, type KpiKey, type KpiUnit, type MonthlyBilledCollected,
} from '@lunas/contracts';
import { addDaysToIsoDate, addMonthsToPeriodKey, type IsoDate } from '@lunas/domain';
import { DataSource } from 'typeorm';
import { MEASURED_DUNNING_STEPS, RECOVERY_BY_STEP_SQL } from './dunning-steps';
import { jakartaRange, jakartaToday, monthRange, monthToDate, percent, periodBefore, rangeDays, type JakartaRange } from './finance-range';
import { AGING_BUCKET_OF, BILLED_BETWEEN, BILLED_BY_MONTH, COLLECTED_BETWEEN, JAKARTA_MONTH, OPEN_AT, TENANT_OF } from './finance-sql';

/** The period-dependent figures, computed once for the period and once for the comparison period. */
interface PeriodFigures {
  /** Open balances at the period's end by aging bucket. */
  buckets: ReadonlyMap<AgingBucket, { invoices: number; amount: number }>;
  billed: number;
  collected: number;
  outstanding: number;
  overdue: number;
  active: number;
  suspended: number;
}

/** The figures of one day (payments and messages "today"). */
interface DayFigures {
  payments: number;
  sent: number;
  failed: number;
}

/**
 * Beranda: KPI cards with the period's change and the four charts, all straight from PostgreSQL (indexed
 * queries; no workflow is read). The period is the one chosen (from–to) and is compared with as many days just
 * before it; without one, the as-of date's month to date against the previous month to the same day. "Today"
 * figures are of the period's last day, against the day before. Every figure links to the list behind it.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The figures of `period` (default: the as-of date's month to date) against the comparison period before it. */
  async summary(tenantId: string | null, asOf: IsoDate, period?: JakartaRange): Promise<DashboardSummary> {
    const { current, previous } = period ? { current: period, previous: periodBefore(period) } : monthToDate(asOf);
    const today = jakartaRange(asOf, asOf);
    const yesterday = jakartaRange(addDaysToIsoDate(asOf, -1), addDaysToIsoDate(asOf, -1));
    const [now, before, dayFigures, dayBefore, billedVsCollected, recoveryByStep, paymentMethods] = await Promise.all([
      this.periodFigures(tenantId, current),
      this.periodFigures(tenantId, previous),
      this.dayFigures(tenantId, today),
      this.dayFigures(tenantId, yesterday),
      this.billedVsCollected(tenantId, asOf),
      this.recoveryByStep(tenantId, current),
      this.paymentMethods(tenantId, current),
    ]);
    const link = listLink(tenantId);
    const range = { from: current.from, to: current.to };
    const issued = { issuedFrom: current.from, issuedTo: current.to };
    const succeeded = { status: 'succeeded' };
    const day = asOf === jakartaToday() ? 'hari ini' : `pada ${asOf}`;
    const kpi = (key: KpiKey, label: string, unit: KpiUnit, value: number, previousValue: number, link: string): Kpi => ({
      key, label, unit, value, previous: previousValue, change: unit === 'percent' || unit === 'days' ? Math.round((value - previousValue) * 10) / 10 : value - previousValue, link,
    });
    const dso = (f: PeriodFigures, r: JakartaRange) => (f.billed === 0 ? 0 : Math.round((f.outstanding / f.billed) * rangeDays(r) * 10) / 10);
    return {
      tenantId,
      from: current.from,
      to: current.to,
      previousFrom: previous.from,
      previousTo: previous.to,
      kpis: [
        kpi('billed', 'Ditagihkan', 'rupiah', now.billed, before.billed, link('/tagihan', issued)),
        kpi('collected', 'Terkumpul', 'rupiah', now.collected, before.collected, link('/pembayaran', { ...range, ...succeeded })),
        kpi('collectionRate', 'Tingkat penagihan', 'percent', percent(now.collected, now.billed), percent(before.collected, before.billed), link('/laporan/revenue-by-mitra', range)),
        kpi('outstanding', 'Piutang', 'rupiah', now.outstanding, before.outstanding, link('/tagihan', { open: 'true', asOf: current.to })),
        kpi('overdue', 'Lewat jatuh tempo', 'rupiah', now.overdue, before.overdue, link('/tagihan', { overdue: 'true', asOf: current.to })),
        kpi('dso', 'DSO (hari)', 'days', dso(now, current), dso(before, previous), link('/laporan/dso-trend', range)),
        kpi('activeSubscriptions', 'Langganan aktif', 'count', now.active, before.active, link('/langganan', { status: 'active' })),
        kpi('suspendedSubscriptions', 'Langganan diisolir', 'count', now.suspended, before.suspended, link('/langganan', { status: 'suspended' })),
        kpi('paymentsToday', `Pembayaran ${day}`, 'count', dayFigures.payments, dayBefore.payments, link('/pembayaran', { from: asOf, to: asOf, ...succeeded })),
        kpi('messagesSentToday', `Pesan terkirim ${day}`, 'count', dayFigures.sent, dayBefore.sent, link('/whatsapp', { status: 'sent', date: asOf })),
        kpi('messagesFailedToday', `Pesan gagal ${day}`, 'count', dayFigures.failed, dayBefore.failed, link('/whatsapp', { status: 'failed', date: asOf })),
      ],
      billedVsCollected: billedVsCollected.map((month) => {
        const { from, to } = monthRange(month.month);
        return { ...month, billedLink: link('/tagihan', { issuedFrom: from, issuedTo: to }), collectedLink: link('/pembayaran', { from, to, ...succeeded }) };
      }),
      aging: AGING_BUCKETS.map((bucket) => ({
        bucket,
        label: AGING_BUCKET_LABELS[bucket],
        invoices: now.buckets.get(bucket)?.invoices ?? 0,
        amount: now.buckets.get(bucket)?.amount ?? 0,
        link: link('/tagihan', { aging: bucket, asOf: current.to }),
      })),
      recoveryByStep: recoveryByStep.map((step) => ({ ...step, link: link('/tagihan', { ...issued, step: step.step }) })),
      paymentMethods: paymentMethods.map((share) => ({ ...share, link: link('/pembayaran', { ...range, method: share.method, ...succeeded }) })),
    };
  }

  /** The tenants a caller limited to `tenantId` (null: all) may filter by, by name. */
  async filterTenants(tenantId: string | null): Promise<Array<{ id: string; businessName: string }>> {
    return this.dataSource.query(`SELECT id, business_name AS "businessName" FROM tenants t WHERE ${TENANT_OF('t.id')} ORDER BY business_name`, [tenantId]);
  }

  private async periodFigures(tenantId: string | null, range: JakartaRange): Promise<PeriodFigures> {
    const [[billed], [collected], open, [subscriptions]] = await Promise.all([
      this.dataSource.query(BILLED_BETWEEN('$2', '$3'), [tenantId, range.start, range.end]),
      this.dataSource.query(COLLECTED_BETWEEN('$2', '$3'), [tenantId, range.start, range.end]),
      this.dataSource.query(
        `SELECT ${AGING_BUCKET_OF('days_past_due')} AS bucket, count(*)::int AS invoices, sum(balance)::bigint AS amount
           FROM (${OPEN_AT('$2')}) open WHERE balance > 0 GROUP BY 1`,
        [tenantId, range.end],
      ) as Promise<Array<{ bucket: AgingBucket; invoices: number; amount: string }>>,
      this.dataSource.query(SUBSCRIPTIONS_AT, [tenantId, range.end, range.to]),
    ]);
    const buckets = new Map(open.map((row) => [row.bucket, { invoices: row.invoices, amount: Number(row.amount) }]));
    const outstanding = open.reduce((sum, row) => sum + Number(row.amount), 0);
    return {
      buckets,
      billed: Number(billed.amount),
      collected: Number(collected.amount),
      outstanding,
      overdue: outstanding - (buckets.get('current')?.amount ?? 0),
      active: subscriptions.active,
      suspended: subscriptions.suspended,
    };
  }

  private async dayFigures(tenantId: string | null, day: JakartaRange): Promise<DayFigures> {
    const [[payments], [messages]] = await Promise.all([
      this.dataSource.query(COLLECTED_BETWEEN('$2', '$3'), [tenantId, day.start, day.end]),
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE n.status IN ('sent', 'simulated'))::int AS sent, count(*) FILTER (WHERE n.status = 'failed')::int AS failed
           FROM notification_log n WHERE ${TENANT_OF('n.tenant_id')} AND n.created_at >= $2 AND n.created_at < $3`,
        [tenantId, day.start, day.end],
      ),
    ]);
    return { payments: payments.payments, sent: messages.sent, failed: messages.failed };
  }

  /** Billed (by issue month) and collected (by payment month) for the 12 months ending with the as-of month. */
  private async billedVsCollected(tenantId: string | null, asOf: IsoDate): Promise<Array<Omit<MonthlyBilledCollected, 'billedLink' | 'collectedLink'>>> {
    const lastMonth = asOf.slice(0, 7);
    const months = Array.from({ length: 12 }, (_, index) => addMonthsToPeriodKey(lastMonth, index - 11));
    const range = jakartaRange(monthRange(months[0]).from, monthRange(lastMonth).to);
    const [billed, collected] = await Promise.all([
      this.dataSource.query(BILLED_BY_MONTH('$2', '$3'), [tenantId, range.start, range.end]) as Promise<Array<{ month: string; amount: string }>>,
      this.dataSource.query(
        `SELECT ${JAKARTA_MONTH('p.paid_at')} AS month, sum(p.amount)::bigint AS amount
           FROM payments p WHERE ${TENANT_OF('p.tenant_id')} AND p.status = 'succeeded' AND p.paid_at >= $2 AND p.paid_at < $3 GROUP BY 1`,
        [tenantId, range.start, range.end],
      ) as Promise<Array<{ month: string; amount: string }>>,
    ]);
    const byMonth = (rows: Array<{ month: string; amount: string }>) => new Map(rows.map((row) => [row.month, Number(row.amount)]));
    const billedBy = byMonth(billed);
    const collectedBy = byMonth(collected);
    return months.map((month) => ({ month, billed: billedBy.get(month) ?? 0, collected: collectedBy.get(month) ?? 0 }));
  }

  private async recoveryByStep(tenantId: string | null, range: JakartaRange): Promise<Array<Omit<DashboardSummary['recoveryByStep'][number], 'link'>>> {
    const rows: Array<{ ord: number; reached: number; recovered: number }> = await this.dataSource.query(RECOVERY_BY_STEP_SQL, [
      tenantId, range.start, range.end, MEASURED_DUNNING_STEPS.map((s) => s.step),
    ]);
    const found = new Map(rows.map((row) => [row.ord, row]));
    return MEASURED_DUNNING_STEPS.map(({ step, label }, index) => {
      const { reached = 0, recovered = 0 } = found.get(index + 1) ?? {};
      return { step, label, reached, recovered, recoveryRate: percent(recovered, reached) };
    });
  }

  private async paymentMethods(tenantId: string | null, range: JakartaRange): Promise<Array<Omit<DashboardSummary['paymentMethods'][number], 'link'>>> {
    const rows: Array<{ method: string; payments: number; amount: string }> = await this.dataSource.query(
      `SELECT p.method, count(*)::int AS payments, sum(p.amount)::bigint AS amount
         FROM payments p WHERE ${TENANT_OF('p.tenant_id')} AND p.status = 'succeeded' AND p.paid_at >= $2 AND p.paid_at < $3
        GROUP BY p.method ORDER BY sum(p.amount) DESC, p.method`,
      [tenantId, range.start, range.end],
    );
    return rows.map((row) => ({ method: row.method, payments: row.payments, amount: Number(row.amount) }));
  }
}

/**
 * A console list route with the filters that reproduce a figure, narrowed to the mitra the figure is of (a superadmin
 * who chose one; a mitra's own lists are its own anyway).
 */
function listLink(tenantId: string | null): (path: string, filters: Record<string, string>) => string {
  return (path, filters) => `${path}?${new URLSearchParams({ ...filters, ...(tenantId ? { tenantId } : {}) }).toString()}`;
}

/**
 * Subscriptions at the instant $2 (as-of date $3): started by then and not cancelled by then; suspended when the
 * last suspend/unsuspend the network carried out (or simulated) before $2 was a suspend, active otherwise.
 */
const SUBSCRIPTIONS_AT = `
  SELECT count(*) FILTER (WHERE NOT suspended)::int AS active, count(*) FILTER (WHERE suspended)::int AS suspended
    FROM (
      SELECT coalesce((
               SELECT l.action = 'suspend' FROM network_action_log l
                WHERE l.subscription_id = s.id AND l.created_at < $2 AND l.result IN ('applied', 'simulated')
                ORDER BY l.created_at DESC LIMIT 1), false) AS suspended
        FROM subscriptions s
       WHERE ${TENANT_OF('s.tenant_id')} AND s.started_on <= $3::date AND (s.cancelled_at IS NULL OR s.cancelled_at >= $2)
    ) at_end`;
