import { ApplicationFailure, patched } from '@temporalio/workflow';
import {
  type InvoicedPeriodProration,
  type IsoDate,
  jakartaDateOf,
  jakartaInstant,
  nextPeriod,
  periodContaining,
  periodStartOf,
  prorateChange,
  prorateInvoicedPeriods,
  validatePromise,
} from '@lunas/domain';
import type {
  CancelSubscriptionRequest,
  ChangePackageRequest,
  ChangePackageResult,
  InvoiceSnapshot,
  PromiseToPayAccepted,
  PromiseToPayRequest,
  SubscriptionCarriedState,
} from '@lunas/contracts';
import { StateConflict } from '@lunas/contracts';
import { PRORATE_INVOICED_PERIODS, records } from './activities';
import { now, type SubscriptionContext } from './context';
import { businessRefusal } from './refusals';
import { dunningInvoice, isOpen, rupiah, stepsAlreadyPast } from './subscription-state';

/**
 * The open invoice a promise is for and the promised instant; refuses a promise the policy does not allow with
 * the codes and Indonesian messages of `validatePromise`.
 */
export function validatePromiseRequest(ctx: SubscriptionContext, request: PromiseToPayRequest): { invoice: InvoiceSnapshot; until: number } {
  const { state } = ctx;
  const invoice = state.current;
  if (!isOpen(invoice)) throw ApplicationFailure.nonRetryable('Tidak ada tagihan terbuka untuk janji bayar', StateConflict.NoOpenInvoice);
  if (!request.actor?.userId || !request.reason) {
    throw ApplicationFailure.nonRetryable('Pelaku dan alasan wajib diisi', 'ACTOR_REQUIRED');
  }
  const validation = validatePromise({
    policy: state.policy,
    invoice: dunningInvoice(invoice),
    existingPromises: invoice.promises,
    requestedUntil: request.until,
    now: now(),
    adminOverride: request.adminOverride,
  });
  if (!validation.ok) throw ApplicationFailure.nonRetryable(validation.message, validation.code);
  return { invoice, until: validation.until };
}

/** A promise to pay: holds fee, warning and suspension until its date; the message and audit row follow in the loop. */
export function acceptPromise(ctx: SubscriptionContext, request: PromiseToPayRequest): PromiseToPayAccepted {
  const { invoice, until } = validatePromiseRequest(ctx, request);
  invoice.promises.push({ until, madeAt: now() });
  ctx.state.promise = { until, invoiceId: invoice.invoiceId };
  ctx.record({
    kind: 'promise_to_pay',
    trigger: 'operator',
    actor: request.actor,
    message: `Janji bayar sampai ${request.until}: ${request.reason}`,
    amount: invoice.balance,
  });
  ctx.enqueue({ kind: 'promise', request });
  return { invoiceId: invoice.invoiceId, until };
}

const CHANGE_MODES: ReadonlyArray<ChangePackageRequest['mode']> = ['now', 'next_cycle'];

/** Refuses a change the workflow can judge itself: malformed, on a cancelled subscription, or to the same package. */
export function validateChangePackage(ctx: SubscriptionContext, request: ChangePackageRequest): void {
  const { state } = ctx;
  if (typeof request?.packageId !== 'string' || !request.packageId || !CHANGE_MODES.includes(request.mode)) {
    throw ApplicationFailure.nonRetryable('Paket dan cara ganti paket (now atau next_cycle) wajib diisi', 'INVALID_REQUEST');
  }
  if (!request.actor?.userId || !request.reason) throw ApplicationFailure.nonRetryable('Pelaku dan alasan wajib diisi', 'ACTOR_REQUIRED');
  if (state.cancellation) throw ApplicationFailure.nonRetryable('Langganan sudah dibatalkan', StateConflict.SubscriptionCancelled);
  if (request.packageId === state.packageId && !state.scheduledPackageChange) {
    throw ApplicationFailure.nonRetryable('Paket baru sama dengan paket saat ini', StateConflict.SamePackage);
  }
}

/**
 * A new package from the next cycle, or now with the prorated difference on the next invoice. A package the records
 * refuse (another tenant's, inactive, unknown) rejects the update with the refusal's code and message.
 */
export async function changePackage(ctx: SubscriptionContext, request: ChangePackageRequest): Promise<ChangePackageResult> {
  const { ref, state } = ctx;
  const fromPackageId = state.packageId;
  const quoted = await records
    .changePackage({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      fromPackageId,
      toPackageId: request.packageId,
      mode: request.mode,
      actor: request.actor,
      reason: request.reason,
      idempotencyKey: ctx.effectKey('change-package'),
    })
    .catch((error: unknown) => {
      const refusal = businessRefusal(error);
      throw refusal ? ApplicationFailure.nonRetryable(refusal.message, refusal.type) : error;
    });
  const prices = { oldMonthlyAmount: quoted.oldMonthlyAmount, newMonthlyAmount: quoted.newMonthlyAmount };
  const base = { mode: request.mode, fromPackageId, toPackageId: request.packageId, ...prices };
  const label = `${quoted.oldName} → ${quoted.newName}`;
  if (request.mode === 'next_cycle') {
    state.scheduledPackageChange = { packageId: request.packageId, requestedAt: now() };
    ctx.record({ kind: 'package_change_scheduled', trigger: 'operator', actor: request.actor, message: `Ganti paket ${label} mulai periode ${state.nextPeriod}` });
    ctx.wake();
    return { ...base, appliesToPeriod: state.nextPeriod };
  }
  const effectiveDate = jakartaDateOf(now());
  const periods = patched(PRORATE_INVOICED_PERIODS)
    ? invoicedPeriodsProration(ctx, effectiveDate, prices)
    : [inServiceProration(ctx, effectiveDate, prices)];
  const net = periods.reduce((sum, period) => sum + period.net, 0);
  state.packageId = request.packageId;
  state.scheduledPackageChange = undefined;
  for (const period of periods.filter((candidate) => candidate.net !== 0)) {
    state.pendingLines.push({
      kind: 'proration',
      description: `Prorata ganti paket ${label} (${period.remainingDays}/${period.daysInPeriod} hari, periode ${period.period})`,
      amount: period.net,
    });
  }
  const explained = periods.length
    ? `prorata ${rupiah(net)} (${periods.map((p) => `periode ${p.period} ${p.remainingDays}/${p.daysInPeriod} hari: ${rupiah(p.net)}`).join('; ')})`
    : 'tanpa prorata (belum ada periode tertagih sejak hari ini)';
  ctx.record({
    kind: 'package_changed',
    trigger: 'operator',
    actor: request.actor,
    message: `Ganti paket ${label} sekarang: ${explained}; tagihan periode ${state.nextPeriod} memakai harga baru ${rupiah(prices.newMonthlyAmount)}`,
    amount: net,
  });
  ctx.wake();
  return { ...base, proration: { effectiveDate, net, periods }, appliesToPeriod: state.nextPeriod };
}

type MonthlyPrices = { oldMonthlyAmount: number; newMonthlyAmount: number };

/**
 * The change prorated over the periods invoiced at the old price from `effectiveDate` on: none before the first
 * invoice. Runs from before `billedFrom` was kept count the periods of their completed cycles as invoiced.
 */
function invoicedPeriodsProration(ctx: SubscriptionContext, effectiveDate: IsoDate, prices: MonthlyPrices): InvoicedPeriodProration[] {
  const { ref, state } = ctx;
  const last = state.current;
  if (!last || last.status === 'void') return [];
  const billedFrom = state.billedFrom ?? periodStartOf(ref.billingDay, last.period, state.cycle);
  return prorateInvoicedPeriods({ billingDay: ref.billingDay, effectiveDate, billedFrom, lastInvoiced: last.period, ...prices });
}

/** How runs before {@link PRORATE_INVOICED_PERIODS} prorated: the period in service, invoiced or not. */
function inServiceProration(ctx: SubscriptionContext, effectiveDate: IsoDate, prices: MonthlyPrices): InvoicedPeriodProration {
  const period = periodContaining(ctx.ref.billingDay, now());
  return { period: period.key, from: effectiveDate, ...prorateChange({ period, effectiveDate, ...prices }) };
}

/** `now`, or the end of the service period in progress: 00:00 WIB on the first day of the next one. */
export function cancellationInstant(ctx: SubscriptionContext, request: CancelSubscriptionRequest): number {
  if (request.mode === 'now') return now();
  return jakartaInstant(nextPeriod(periodContaining(ctx.ref.billingDay, now())).start);
}

/** A policy applied now: steps already past under it count as done, so none fires late. */
export function adoptPolicy(ctx: SubscriptionContext, policy: SubscriptionCarriedState['policy']): void {
  const { state } = ctx;
  const invoice = state.current;
  if (isOpen(invoice)) {
    invoice.completedStepIds = [...new Set([...invoice.completedStepIds, ...stepsAlreadyPast(policy, invoice, now())])];
  }
  state.policy = policy;
}
