/** Beranda figures of one mitra or (superadmin, no mitra chosen) of all mitra. */

export const KPI_KEYS = [
  'billed', 'collected', 'collectionRate', 'outstanding', 'overdue', 'dso',
  'activeSubscriptions', 'suspendedSubscriptions', 'paymentsToday', 'messagesSentToday', 'messagesFailedToday',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** `rupiah`: integer rupiah; `percent`: 0–100 with one decimal; `days`: one decimal; `count`: integer. */
export type KpiUnit = 'rupiah' | 'percent' | 'days' | 'count';

export interface Kpi {
  readonly key: KpiKey;
  readonly label: string;
  readonly unit: KpiUnit;
  readonly value: number;
  /** The same figure for the comparison period (as many days just before; yesterday for "today" figures). */
  readonly previous: number;
  /** `value − previous`, in the figure's unit. */
  readonly change: number;
  /** Console route (with query) of the list behind the figure. */
  readonly link: string;
}

/** Aging buckets by days past due at the as-of date: current (not yet overdue), 1–7, 8–14, 15–30, 31–60, > 60. */
export const AGING_BUCKETS = ['current', 'd1_7', 'd8_14', 'd15_30', 'd31_60', 'd61_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const AGING_BUCKET_LABELS: Record<AgingBucket, string> = {
  current: 'Belum jatuh tempo',
  d1_7: '1–7 hari',
  d8_14: '8–14 hari',
  d15_30: '15–30 hari',
  d31_60: '31–60 hari',
  d61_plus: '> 60 hari',
};

export interface MonthlyBilledCollected {
  /** `YYYY-MM` (Asia/Jakarta). */
  readonly month: string;
  readonly billed: number;
  readonly collected: number;
  /** The month's invoices (by issue day) and its succeeded payments (by paid day). */
  readonly billedLink: string;
  readonly collectedLink: string;
}

export interface AgingBucketAmount {
  readonly bucket: AgingBucket;
  readonly label: string;
  readonly invoices: number;
  readonly amount: number;
  readonly link: string;
}

/** Of the period's invoices that reached the step, how many were paid before the next step was reached. */
export interface DunningStepRecovery {
  readonly step: string;
  readonly label: string;
  readonly reached: number;
  readonly recovered: number;
  /** recovered / reached × 100, one decimal; 0 when none reached. */
  readonly recoveryRate: number;
  readonly link: string;
}

export interface PaymentMethodShare {
  readonly method: string;
  readonly payments: number;
  readonly amount: number;
  readonly link: string;
}

export interface DashboardSummary {
  /** null: all mitra (superadmin). */
  readonly tenantId: string | null;
  /**
   * The period (inclusive, Asia/Jakarta): the one asked for, else the as-of date's month from its first day to the
   * as-of date; `previous…`: the comparison period.
   */
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly kpis: readonly Kpi[];
  readonly billedVsCollected: readonly MonthlyBilledCollected[];
  readonly aging: readonly AgingBucketAmount[];
  readonly recoveryByStep: readonly DunningStepRecovery[];
  readonly paymentMethods: readonly PaymentMethodShare[];
}
