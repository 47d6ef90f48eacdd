import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import {
  billingPeriod,
  computeLateFee,
  type DunningAction,
  type DunningOccurrence,
  jakartaDateOf,
  nextPeriod,
  nextSendWindowOpening,
  planNextStep,
  shouldIssueInvoice,
} from '@lunas/domain';
import {
  settlementStatus,
  type InvoiceSnapshot,
  type IssuedInvoice,
  type IssueInvoiceInput,
  type NotificationTemplate,
  type SubscriptionCarriedState,
  type SubscriptionWorkflowResult,
} from '@lunas/contracts';
import { ADOPT_ACTIVE_POLICY, ISSUE_INVOICE_LOCALLY, localRecords, records } from './activities';
import { now, type PendingManualIssue, type SubscriptionContext } from './context';
import { enforceNetwork, networkNote, sendNotification, suspend } from './effects';
import { issueNoticeGivesWay, lateIssueCatchUp, noteCatchUpRun } from './catch-up';
import { announceCreditAllocations, voidInvoice } from './ledger';
import { refusable, SYSTEM_ACTOR } from './refusals';
import { isOpen, nextIssueAt, overdueInstant, planInput, rupiah } from './subscription-state';

/** The next instant something is due: the next issue time, a cancellation, a promise's end, a notice or a step. */
export function nextWakeAt(ctx: SubscriptionContext): number {
  const { ref, state } = ctx;
  const candidates = [nextIssueAt(ref, state)];
  if (state.cancellation) candidates.push(state.cancellation.at);
  if (state.promise) candidates.push(state.promise.until);
  if (ctx.issueNoticeAt !== undefined) candidates.push(ctx.issueNoticeAt);
  const invoice = state.current;
  if (isOpen(invoice)) {
    const decision = planNextStep(planInput(state, invoice, state.policy, now()));
    if (decision.kind === 'step') candidates.push(decision.at);
    if (decision.kind === 'wait-promise') candidates.push(decision.until);
    if (!state.overdueSince) candidates.push(overdueInstant(invoice));
  }
  return Math.min(...candidates);
}

/**
 * The issue time of the next period, or an operator's manual issue of it: a pending policy or package change takes
 * effect, then the invoice is issued once (unless the subscription is cancelled, or isolated under a policy that stops
 * billing) and a newer active policy version of the tenant, reported by the issuing activity, is adopted for the new
 * invoice. A manual issue gets the outcome.
 */
export async function startCycle(ctx: SubscriptionContext, manual?: PendingManualIssue): Promise<void> {
  const { ref, state } = ctx;
  if (state.pendingPolicy) {
    state.policy = state.pendingPolicy;
    state.pendingPolicy = undefined;
  }
  if (state.scheduledPackageChange) {
    state.packageId = state.scheduledPackageChange.packageId;
    state.scheduledPackageChange = undefined;
  }
  const period = state.nextPeriod;
  const issueMoment = nextIssueAt(ref, state);
  state.nextPeriod = nextPeriod(billingPeriod(ref.billingDay, period)).key;
  const trigger = manual ? { trigger: 'operator' as const, actor: manual.actor } : { trigger: 'schedule' as const };
  if (state.cancellation) {
    ctx.record({ kind: 'invoice_skipped', ...trigger, message: `Tagihan periode ${period} tidak diterbitkan: langganan dibatalkan` });
    if (manual) manual.outcome = { status: 'skipped', period, reason: 'cancelled' };
    return;
  }
  if (!shouldIssueInvoice(state.policy, state.suspended)) {
    ctx.record({ kind: 'invoice_skipped', ...trigger, message: `Tagihan periode ${period} tidak diterbitkan: layanan diisolir` });
    if (manual) manual.outcome = { status: 'skipped', period, reason: 'isolated' };
    return;
  }
  const request = issueRequest(ctx, period, { extraLines: state.pendingLines });
  const issued = patched(ISSUE_INVOICE_LOCALLY) ? await localRecords.issueInvoice(request) : await records.issueInvoice(request);
  adoptActivePolicy(ctx, issued);
  state.pendingLines = [];
  const invoice = openIssuedInvoice(ctx, period, issued, billingPeriod(ref.billingDay, period).start);
  Object.assign(invoice, lateIssueCatchUp(issueMoment, now()));
  ctx.record({
    kind: 'invoice_issued',
    ...trigger,
    message: `Tagihan ${issued.number} periode ${period} terbit${manual ? ' (diterbitkan manual)' : ''}: ${rupiah(issued.total)}, jatuh tempo ${issued.dueDate}`,
    amount: issued.total,
  });
  if (manual) manual.outcome = { status: 'issued', period, invoiceNumber: issued.number, total: issued.total };
  await announceCreditAllocations(ctx, issued);
}

/** What `issueInvoice` needs to issue `period` of this subscription now, on its current package. */
export function issueRequest(ctx: SubscriptionContext, period: string, rest: Pick<IssueInvoiceInput, 'extraLines' | 'activation'>): IssueInvoiceInput {
  const { ref, state } = ctx;
  return {
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    customerId: ref.customerId,
    packageId: state.packageId,
    billingDay: ref.billingDay,
    period,
    issuedAt: now(),
    ...rest,
  };
}

/**
 * Makes a newly issued invoice the current one (an open predecessor joins the arrears), with a clean ladder, and
 * schedules its `invoice_issued` message for the next send-window opening. `billedFrom`, the first service day it
 * covers, is remembered when it is the subscription's first invoice.
 */
export function openIssuedInvoice(ctx: SubscriptionContext, period: string, issued: IssuedInvoice, billedFrom: string): InvoiceSnapshot {
  const { state } = ctx;
  const previous = state.current;
  if (isOpen(previous)) {
    state.arrears.push({ invoiceId: previous.invoiceId, number: previous.number, balance: previous.balance });
  }
  if (!previous) state.billedFrom = billedFrom;
  state.credit = issued.creditRemaining;
  state.overdueSince = undefined;
  state.promise = undefined;
  state.current = {
    invoiceId: issued.invoiceId,
    number: issued.number,
    period,
    dueDate: issued.dueDate,
    total: issued.total,
    lateFee: 0,
    balance: issued.balance,
    status: settlementStatus(issued.total, issued.balance),
    payLink: issued.payLink,
    completedStepIds: [],
    lateFeeSettled: false,
    promises: [],
    notices: [],
  };
  ctx.issueNoticeAt = nextSendWindowOpening(now(), state.policy.sendWindow);
  return state.current;
}

/**
 * The tenant's active policy when it is newer than the one the workflow runs: a version whose `applyPolicy` signal
 * never arrived (the API's fan-out failed) takes effect from this cycle, as a `next_cycle` signal would have made it.
 */
function adoptActivePolicy(ctx: SubscriptionContext, issued: IssuedInvoice): void {
  const { state } = ctx;
  const active = issued.activePolicy;
  if (!active || active.version <= state.policy.version || !patched(ADOPT_ACTIVE_POLICY)) return;
  state.policy = active;
  ctx.record({
    kind: 'policy_changed',
    trigger: 'system',
    message: `Kebijakan penagihan versi ${active.version} (versi aktif mitra) berlaku mulai siklus ini`,
  });
}

/**
 * `invoice_issued` with the pay link at the first send-window opening after issuance (H-1 06:00 → 08:00);
 * a policy step with the same template then finds it sent and sends nothing.
 */
export async function sendIssueNoticeIfDue(ctx: SubscriptionContext): Promise<void> {
  if (ctx.issueNoticeAt === undefined || ctx.issueNoticeAt > now()) return;
  ctx.issueNoticeAt = undefined;
  const invoice = ctx.state.current;
  if (isOpen(invoice) && !issueNoticeGivesWay(ctx, invoice)) await sendNotification(ctx, 'invoice_issued', {}, 'invoice_issued');
}

/** Runs the dunning step the planner says is due now, if any. */
export async function runDueStep(ctx: SubscriptionContext): Promise<void> {
  const { state } = ctx;
  const invoice = state.current;
  if (!isOpen(invoice)) return;
  const decision = planNextStep(planInput(state, invoice, state.policy, now()));
  if (decision.kind !== 'step' || decision.at > now()) return;
  await runOccurrence(ctx, decision, invoice);
}

async function runOccurrence(ctx: SubscriptionContext, run: DunningOccurrence, invoice: InvoiceSnapshot): Promise<void> {
  // Money first, so that a reminder sent with a late fee quotes the new balance.
  const ordered = [...run.actions].sort((a, b) => Number(b.type === 'late_fee') - Number(a.type === 'late_fee'));
  for (const action of ordered) await refusable(ctx, `Langkah penagihan ${run.step.id}`, () => runAction(ctx, action, run, invoice));
  invoice.completedStepIds.push(...run.stepIds);
  noteCatchUpRun(ctx, invoice, run);
  ctx.record({ kind: 'dunning_step', trigger: 'schedule', message: `Langkah penagihan ${run.stepIds.join(', ')} dijalankan` });
}

async function runAction(ctx: SubscriptionContext, action: DunningAction, run: DunningOccurrence, invoice: InvoiceSnapshot): Promise<void> {
  switch (action.type) {
    case 'notify':
      await sendNotification(ctx, action.template as NotificationTemplate, {}, action.template);
      return;
    case 'suspend_warning':
      await sendNotification(ctx, action.template as NotificationTemplate, {}, action.template);
      ctx.record({ kind: 'suspend_warning', trigger: 'schedule', message: 'Peringatan isolir dikirim' });
      return;
    case 'late_fee': {
      const amount = computeLateFee(action.fee, invoice.total);
      if (amount <= 0) return;
      const result = await records.addLateFee({
        tenantId: ctx.ref.tenantId,
        invoiceId: invoice.invoiceId,
        amount,
        description: `Denda keterlambatan tagihan ${invoice.number}`,
      });
      invoice.lateFee = result.lateFee;
      invoice.balance = result.balance;
      invoice.lateFeeSettled = true;
      ctx.record({ kind: 'late_fee', trigger: 'schedule', message: `Denda ${rupiah(amount)} ditambahkan`, amount });
      return;
    }
    case 'suspend':
      await suspend(ctx, `${invoice.period}:${run.step.id}`, 'schedule', { trigger: run.step.id });
      return;
  }
}

/** A promise whose date passed unpaid: dunning resumes with the step that was due. */
export function expirePromise(ctx: SubscriptionContext): void {
  const { state } = ctx;
  if (state.promise && state.promise.until <= now()) {
    ctx.record({ kind: 'promise_expired', trigger: 'schedule', message: 'Janji bayar lewat tanpa pelunasan; penagihan dilanjutkan' });
    state.promise = undefined;
  }
}

/** Remembers since when the current invoice is overdue (00:00 WIB after its due date). */
export function noteOverdue(ctx: SubscriptionContext): void {
  const { state } = ctx;
  const invoice = state.current;
  if (state.overdueSince || !isOpen(invoice)) return;
  const overdue = overdueInstant(invoice);
  if (now() >= overdue) state.overdueSince = overdue;
}

/** The cancellation is due: void an invoice for a period not begun, cut the service, close the subscription. */
export async function finishCancellation(
  ctx: SubscriptionContext,
  cancellation: NonNullable<SubscriptionCarriedState['cancellation']>,
): Promise<SubscriptionWorkflowResult> {
  const { ref, state } = ctx;
  ctx.ending = true;
  const invoice = state.current;
  if (isOpen(invoice) && billingPeriod(ref.billingDay, invoice.period).start >= jakartaDateOf(now())) {
    const system = { actor: SYSTEM_ACTOR, reason: 'Langganan dibatalkan sebelum periode dimulai' };
    await voidInvoice(ctx, { invoiceId: invoice.invoiceId, ...system });
  }
  const network = state.suspended ? undefined : await enforceNetwork(ctx, 'suspend', 'cancel', { trigger: 'cancel' });
  await records.cancelSubscription({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    at: now(),
    actor: SYSTEM_ACTOR,
    reason: `Pembatalan ${cancellation.mode === 'now' ? 'segera' : 'akhir periode'}`,
  });
  ctx.record({ kind: 'cancelled', trigger: 'system', message: `Langganan berakhir${network ? networkNote(network) : ''}` });
  ctx.publishSearchAttributes();
  await condition(allHandlersFinished);
  return { cancelledAt: now(), cycles: state.cycle + 1 };
}
