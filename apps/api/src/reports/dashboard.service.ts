import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AGING_BUCKET_LABELS, AGING_BUCKETS, type AgingBucket, type DashboardSummary, type Kpi, type KpiKey, type KpiUnit,
} from '@lunas/contracts';
import { addDaysToIsoDate, addMonthsToPeriodKey, type IsoDate } from '@lunas/domain';
import { DataSource } from 'typeorm';
import { MEASURED_DUNNING_STEPS, RECOVERY_BY_STEP_SQL } from './dunning-steps';
import { jakartaRange, monthToDate, percent, rangeDays, type JakartaRange } from './finance-range';
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
 * queries; no workflow is read). The period is the as-of date's month to date; it is compared with the previous
 * month to the same day, and "today" figures with the day before.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(tenantId: string | null, asOf: IsoDate): Promise<DashboardSummary> {
    const { current, previous } = monthToDate(asOf);
    const today = jakartaRange(asOf, asOf);
    const yesterday = jakartaRange(addDaysToIsoDate(asOf, -1), addDaysToIsoDate(asOf, -1));
    const [now, before, day, dayBefore, billedVsCollected, recoveryByStep, paymentMethods] = await Promise.all([
      this.periodFigures(tenantId, current),
      this.periodFigures(tenantId, previous),
      this.dayFigures(tenantId, today),
      this.dayFigures(tenantId, yesterday),
      this.billedVsCollected(tenantId, asOf),
      this.recoveryByStep(tenantId, current),
      this.paymentMethods(tenantId, current),
    ]);
    const range = `from=${current.from}&to=${current.to}`;
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
        kpi('billed', 'Ditagihkan', 'rupiah', now.billed, before.billed, `/tagihan?${range}`),
        kpi('collected', 'Terkumpul', 'rupiah', now.collected, before.collected, `/pembayaran?${range}`),
        kpi('collectionRate', 'Tingkat penagihan', 'percent', percent(now.collected, now.billed), percent(before.collected, before.billed), `/laporan/revenue-by-mitra?${range}`),
        kpi('outstanding', 'Piutang', 'rupiah', now.outstanding, before.outstanding, '/tagihan?status=unpaid,partial'),
        kpi('overdue', 'Lewat jatuh tempo', 'rupiah', now.overdue, before.overdue, '/tagihan?overdue=true'),
        kpi('dso', 'DSO (hari)', 'days', dso(now, current), dso(before, previous), `/laporan/dso-trend?${range}`),
        kpi('activeSubscriptions', 'Langganan aktif', 'count', now.active, before.active, '/langganan?status=active'),
        kpi('suspendedSubscriptions', 'Langganan diisolir', 'count', now.suspended, before.suspended, '/langganan?status=suspended'),
        kpi('paymentsToday', 'Pembayaran hari ini', 'count', day.payments, dayBefore.payments, `/pembayaran?from=${asOf}&to=${asOf}`),
        kpi('messagesSentToday', 'Pesan terkirim hari ini', 'count', day.sent, dayBefore.sent, `/notifikasi?status=sent&date=${asOf}`),
        kpi('messagesFailedToday', 'Pesan gagal hari ini', 'count', day.failed, dayBefore.failed, `/notifikasi?status=failed&date=${asOf}`),
      ],
      billedVsCollected,
      aging: AGING_BUCKETS.map((bucket) => ({
        bucket,
        label: AGING_BUCKET_LABELS[bucket],
        invoices: now.buckets.get(bucket)?.invoices ?? 0,
        amount: now.buckets.get(bucket)?.amount ?? 0,
        link: `/laporan/aging?to=${current.to}&bucket=${bucket}`,
      })),
      recoveryByStep,
      paymentMethods,
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
  private async billedVsCollected(tenantId: string | null, asOf: IsoDate): Promise<DashboardSummary['billedVsCollected']> {
    const lastMonth = asOf.slice(0, 7);
    const months = Array.from({ length: 12 }, (_, index) => addMonthsToPeriodKey(lastMonth, index - 11));
    const range = jakartaRange(`${months[0]}-01`, addDaysToIsoDate(`${addMonthsToPeriodKey(lastMonth, 1)}-01`, -1));
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

  private async recoveryByStep(tenantId: string | null, range: JakartaRange): Promise<DashboardSummary['recoveryByStep']> {
    const rows: Array<{ ord: number; reached: number; recovered: number }> = await this.dataSource.query(RECOVERY_BY_STEP_SQL, [
      tenantId, range.start, range.end, MEASURED_DUNNING_STEPS.map((s) => s.step),
    ]);
    const found = new Map(rows.map((row) => [row.ord, row]));
    return MEASURED_DUNNING_STEPS.map(({ step, label }, index) => {
      const { reached = 0, recovered = 0 } = found.get(index + 1) ?? {};
      return { step, label, reached, recovered, recoveryRate: percent(recovered, reached), link: `/tagihan?from=${range.from}&to=${range.to}&step=${step}` };
    });
  }

  private async paymentMethods(tenantId: string | null, range: JakartaRange): Promise<DashboardSummary['paymentMethods']> {
    const rows: Array<{ method: string; payments: number; amount: string }> = await this.dataSource.query(
      `SELECT p.method, count(*)::int AS payments, sum(p.amount)::bigint AS amount
         FROM payments p WHERE ${TENANT_OF('p.tenant_id')} AND p.status = 'succeeded' AND p.paid_at >= $2 AND p.paid_at < $3
        GROUP BY p.method ORDER BY sum(p.amount) DESC, p.method`,
      [tenantId, range.start, range.end],
    );
    return rows.map((row) => ({
      method: row.method, payments: row.payments, amount: Number(row.amount), link: `/pembayaran?from=${range.from}&to=${range.to}&method=${row.method}`,
    }));
  }
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
