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
import type {
  InvoiceSnapshot,
  IssuedInvoice,
  IssueInvoiceInput,
  NotificationTemplate,
  SubscriptionCarriedState,
  SubscriptionWorkflowResult,
} from '@lunas/contracts';
import { ADOPT_ACTIVE_POLICY, ISSUE_INVOICE_LOCALLY, localRecords, records } from './activities';
import { now, type SubscriptionContext } from './context';
import { enforceNetwork, networkNote, sendNotification, suspend } from './effects';
import { issueNoticeGivesWay, lateIssueCatchUp, noteCatchUpRun } from './catch-up';
import { voidInvoice } from './ledger';
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
    if (!state.overdueSince) candidates.push(overdueInstant(ref, invoice));
  }
  return Math.min(...candidates);
}

/**
 * The issue time of the next period: a pending policy or package change takes effect, then the invoice is issued
 * once (unless the subscription is cancelled, or isolated under a policy that stops billing) and a newer active
 * policy version of the tenant, reported by the issuing activity, is adopted for the new invoice.
 */
export async function startCycle(ctx: SubscriptionContext): Promise<void> {
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
  if (state.cancellation) {
    ctx.record({ kind: 'invoice_skipped', trigger: 'schedule', message: `Tagihan periode ${period} tidak diterbitkan: langganan dibatalkan` });
    return;
  }
  if (!shouldIssueInvoice(state.policy, state.suspended)) {
    ctx.record({ kind: 'invoice_skipped', trigger: 'schedule', message: `Tagihan periode ${period} tidak diterbitkan: layanan diisolir` });
    return;
  }
  const request: IssueInvoiceInput = {
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    customerId: ref.customerId,
    packageId: state.packageId,
    billingDay: ref.billingDay,
    period,
    issuedAt: now(),
    extraLines: state.pendingLines,
  };
  const issued = patched(ISSUE_INVOICE_LOCALLY) ? await localRecords.issueInvoice(request) : await records.issueInvoice(request);
  adoptActivePolicy(ctx, issued);
  state.pendingLines = [];
  const previous = state.current;
  if (isOpen(previous)) {
    state.arrears.push({ invoiceId: previous.invoiceId, number: previous.number, balance: previous.balance });
  }
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
    status: issued.balance > 0 ? 'open' : 'paid',
    payLink: issued.payLink,
    completedStepIds: [],
    lateFeeSettled: false,
    promises: [],
    notices: [],
    ...lateIssueCatchUp(issueMoment, now()),
  };
  ctx.record({
    kind: 'invoice_issued',
    trigger: 'schedule',
    message: `Tagihan ${issued.number} periode ${period} terbit: ${rupiah(issued.total)}, jatuh tempo ${issued.dueDate}`,
    amount: issued.total,
  });
  ctx.issueNoticeAt = nextSendWindowOpening(now(), state.policy.sendWindow);
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
  const { ref, state } = ctx;
  const invoice = state.current;
  if (state.overdueSince || !isOpen(invoice)) return;
  const overdue = overdueInstant(ref, invoice);
  if (now() >= overdue) state.overdueSince = overdue;
}

/** The cancellation is due: void an invoice for a period not begun, cut the service, close the subscription. */
export async function finishCancellation(
  ctx: SubscriptionContext,
  cancellation: NonNullable<SubscriptionCarriedState['cancellation']>,
): Promise<SubscriptionWorkflowResult> {
  const { ref, state } = ctx;
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
