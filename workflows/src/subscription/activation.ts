import {
  activationPeriods,
  addMonthsToPeriodKey,
  billingPeriod,
  formatIndonesianDate,
  formatPeriodLabel,
  invoiceIssueTime,
  jakartaDateOf,
  type ActivationPeriods,
} from '@lunas/domain';
import type { SubscriptionActivation } from '@lunas/contracts';
import { localRecords } from './activities';
import { now, type SubscriptionContext } from './context';
import { issueRequest, openIssuedInvoice } from './cycle';
import { announceCreditAllocations } from './ledger';
import { leadTimeOf, rupiah, stepsAlreadyPast } from './subscription-state';

/**
 * The first thing a new subscription's workflow does: bill it from its activation date, per its mitra's setting.
 * The activation invoice bills the first period from the activation date (prorated, or in full with `full_month`)
 * and the periods before the first one the regular H-1 cycle issues (`state.nextPeriod`) in full — the period paid
 * in advance, and any whose issue time has passed too — as one invoice filed under the last of them, falling due on
 * the activation date (prepaid; the day of issue when the activation date has passed). Ladder steps whose time has
 * passed by then count as done, so none fires at once; its `invoice_issued` message goes at the next send-window
 * opening. Issued through the same idempotent `issueInvoice` as every cycle (one invoice per subscription and
 * period), so a retry or a restarted first run finds the invoice instead of issuing another.
 */
export async function issueActivationInvoice(ctx: SubscriptionContext, activation: SubscriptionActivation): Promise<void> {
  const { ref, state } = ctx;
  if (activation.billing === 'none') {
    const firstIssue = jakartaDateOf(invoiceIssueTime(billingPeriod(ref.billingDay, state.nextPeriod), leadTimeOf(ref)));
    ctx.record({
      kind: 'activation',
      trigger: 'system',
      message:
        `Aktif sejak ${formatIndonesianDate(activation.date)}; tanpa tagihan aktivasi (pengaturan mitra), ` +
        `tagihan pertama periode ${state.nextPeriod} terbit ${formatIndonesianDate(firstIssue)}`,
    });
    return;
  }
  const filedUnder = addMonthsToPeriodKey(state.nextPeriod, -1);
  const periods = activationPeriods(ref.billingDay, activation.date, filedUnder);
  const today = jakartaDateOf(now());
  const request = issueRequest(ctx, filedUnder, {
    extraLines: [],
    activation: { date: activation.date, billing: activation.billing, dueDate: activation.date > today ? activation.date : today },
  });
  const issued = await localRecords.issueInvoice(request);
  const invoice = openIssuedInvoice(ctx, filedUnder, issued, activation.date);
  invoice.completedStepIds = stepsAlreadyPast(state.policy, invoice, now());
  ctx.record({
    kind: 'invoice_issued',
    trigger: 'system',
    message: `Tagihan pertama ${issued.number} terbit: ${coverage(periods, activation)}; ${rupiah(issued.total)}, jatuh tempo ${issued.dueDate}`,
    amount: issued.total,
  });
  await announceCreditAllocations(ctx, issued);
}

/** `12 hari (20 Desember 2026 – 31 Desember 2026, prorata 12/31) + periode Januari 2027 di muka (1 Januari 2027 – 31 Januari 2027)`. */
function coverage({ first, firstDays, advance }: ActivationPeriods, activation: SubscriptionActivation): string {
  const span = (from: string, to: string) => `${formatIndonesianDate(from)} – ${formatIndonesianDate(to)}`;
  const pricing = activation.billing === 'prorated' ? `prorata ${firstDays}/${first.days}` : 'harga sebulan penuh';
  const full = advance.map((period) => `periode ${formatPeriodLabel(period.key)} di muka (${span(period.start, period.end)})`);
  return [`${firstDays} hari (${span(activation.date, first.end)}, ${pricing})`, ...full].join(' + ');
}
