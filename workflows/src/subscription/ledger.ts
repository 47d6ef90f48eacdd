import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { jakartaDateOf } from '@lunas/domain';
import {
  settlementStatus,
  type BalanceReopened,
  type CreditMoved,
  creditMovedSignal,
  type IssuedInvoice,
  type ManualAction,
  type PaymentReceived,
  subscriptionWorkflowId,
  type VoidInvoiceRequest,
} from '@lunas/contracts';
import { APPLY_PAYMENT_LOCALLY, localRecords, records, RESTORE_WITH_RECEIPT } from './activities';
import type { SubscriptionContext } from './context';
import { audit, sendNotification, unsuspend } from './effects';
import { isOpen, rememberPayment, rupiah, totalBalance } from './subscription-state';

/** Applies a payment once (by payment id): balances, credit, receipt; a settled account is restored at once, beside the receipt. */
export async function applyPayment(ctx: SubscriptionContext, payment: PaymentReceived): Promise<void> {
  const { ref, state } = ctx;
  if (state.appliedPaymentIds.includes(payment.paymentId)) return;
  const result = await (patched(APPLY_PAYMENT_LOCALLY) ? localRecords : records).applyPayment({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    customerId: ref.customerId,
    payment,
  });
  rememberPayment(state, payment.paymentId);
  state.credit = result.credit;
  const invoice = state.current?.invoiceId === result.invoiceId ? state.current : undefined;
  if (invoice) {
    invoice.balance = result.invoiceBalance;
    if (result.invoiceStatus !== 'void') invoice.status = result.invoiceStatus;
  } else {
    state.arrears = state.arrears
      .map((arrear) => (arrear.invoiceId === result.invoiceId ? { ...arrear, balance: result.invoiceBalance } : arrear))
      .filter((arrear) => arrear.balance > 0);
  }
  if (!result.applied) return;
  ctx.record({
    kind: 'payment_applied',
    trigger: 'payment',
    message:
      `Pembayaran ${rupiah(payment.amount)} (${payment.source}) diterima` +
      (result.overpayment > 0 ? `, kelebihan ${rupiah(result.overpayment)} menjadi saldo` : '') +
      (result.invoiceBalance > 0 ? `, sisa ${rupiah(result.invoiceBalance)}` : ', lunas'),
    amount: payment.amount,
  });
  const receipt = () =>
    sendNotification(
      ctx,
      'payment_received',
      { jumlahBayar: payment.amount, sisaTagihan: result.invoiceBalance, tanggalBayar: jakartaDateOf(payment.paidAt) },
      `payment:${payment.paymentId}`,
      result.invoiceId,
    );
  // The restore does not wait for the receipt (a message on the messaging queue): both are scheduled in one task.
  if (patched(RESTORE_WITH_RECEIPT)) {
    await Promise.all([receipt(), afterSettlement(ctx)]);
  } else {
    await receipt();
    await afterSettlement(ctx);
  }
}

/**
 * A refund or chargeback: the invoice owes again and the ladder picks up the steps that are due. A refund taken
 * from the customer's credit leaves the invoice paid; the subscription's credit is read again from the records.
 */
export async function reopenBalance(ctx: SubscriptionContext, reversal: BalanceReopened): Promise<void> {
  const { ref, state } = ctx;
  if (state.appliedPaymentIds.includes(reversal.eventId)) return;
  rememberPayment(state, reversal.eventId);
  if (reversal.fromCredit !== undefined) state.credit = await records.creditOf({ tenantId: ref.tenantId, subscriptionId: ref.subscriptionId });
  const invoice = state.current?.invoiceId === reversal.invoiceId ? state.current : undefined;
  if (invoice) {
    invoice.balance = reversal.balance;
    invoice.status = reversal.balance > 0 ? settlementStatus(invoice.total + invoice.lateFee, reversal.balance) : invoice.status;
  } else if (reversal.balance > 0) {
    const others = state.arrears.filter((arrear) => arrear.invoiceId !== reversal.invoiceId);
    const known = state.arrears.find((arrear) => arrear.invoiceId === reversal.invoiceId);
    state.arrears = [...others, { invoiceId: reversal.invoiceId, number: known?.number ?? reversal.invoiceId, balance: reversal.balance }];
  }
  const label = reversal.reason === 'chargeback' ? 'Chargeback' : 'Pengembalian dana';
  const fromCredit = reversal.fromCredit ? ` ${rupiah(reversal.fromCredit)} diambil dari saldo` : '';
  ctx.record({
    kind: 'balance_reopened',
    trigger: 'payment',
    amount: reversal.balance,
    message:
      reversal.fromCredit && reversal.balance === 0
        ? `${label}:${fromCredit}, tagihan tetap lunas`
        : `${label}:${fromCredit ? `${fromCredit},` : ''} tagihan kembali terutang ${rupiah(reversal.balance)}`,
  });
}

/**
 * Credit of other subscriptions of the customer paid the invoice just issued (allocations): the timeline says so,
 * and each giving subscription is told (`creditMoved`), so that it no longer shows that credit as its own. A giving
 * workflow that is gone (cancelled) is skipped: the allocation is in the records either way.
 */
export async function announceCreditAllocations(ctx: SubscriptionContext, issued: IssuedInvoice): Promise<void> {
  const { ref } = ctx;
  for (const allocation of issued.creditAllocations ?? []) {
    ctx.record({
      kind: 'credit_allocated',
      trigger: 'schedule',
      amount: allocation.amount,
      message: `Saldo ${rupiah(allocation.amount)} dari langganan lain pelanggan ini dipakai untuk tagihan ${issued.number}`,
    });
    const moved: CreditMoved = { eventId: `${issued.invoiceId}:${allocation.fromSubscriptionId}`, amount: allocation.amount, toSubscriptionId: ref.subscriptionId, paid: issued.number };
    try {
      await getExternalWorkflowHandle(subscriptionWorkflowId(ref.tenantId, allocation.fromSubscriptionId)).signal(creditMovedSignal, moved);
    } catch {
      // The giving subscription's workflow has ended; nothing shows its credit any more.
    }
  }
}

/** This subscription's credit paid an invoice or a refund of another subscription: it reads its credit again. */
export async function giveCredit(ctx: SubscriptionContext, moved: CreditMoved): Promise<void> {
  const { ref, state } = ctx;
  if (state.appliedPaymentIds.includes(moved.eventId)) return;
  rememberPayment(state, moved.eventId);
  state.credit = await records.creditOf({ tenantId: ref.tenantId, subscriptionId: ref.subscriptionId });
  ctx.record({
    kind: 'credit_allocated',
    trigger: 'payment',
    amount: -moved.amount,
    message: `Saldo ${rupiah(moved.amount)} dipakai untuk ${moved.paid} langganan lain pelanggan ini; sisa saldo ${rupiah(state.credit)}`,
  });
}

/** Nothing owed any more: stop dunning, restore service at once, then tell the customer. */
async function afterSettlement(ctx: SubscriptionContext): Promise<void> {
  const { state } = ctx;
  if (totalBalance(state) > 0) return;
  if (state.current && state.promise?.invoiceId === state.current.invoiceId) state.promise = undefined;
  state.overdueSince = undefined;
  if (state.suspended) await unsuspend(ctx, `settled:${state.current?.invoiceId ?? 'none'}`, 'payment');
}

/** An operator waives the current invoice's late fee (and settles the fee step even if none was charged yet). */
export async function waiveLateFee(ctx: SubscriptionContext, action: ManualAction): Promise<void> {
  const { ref, state } = ctx;
  const invoice = state.current;
  if (!isOpen(invoice)) return;
  if (invoice.lateFee > 0) {
    const result = await records.waiveLateFee({ tenantId: ref.tenantId, invoiceId: invoice.invoiceId, ...action });
    invoice.balance = result.balance;
    invoice.lateFee = result.lateFee;
    if (result.status !== 'void') invoice.status = result.status;
    if (result.credit !== undefined) state.credit = result.credit;
  }
  invoice.lateFeeSettled = true;
  ctx.record({ kind: 'late_fee_waived', trigger: 'operator', actor: action.actor, message: `Denda dihapus: ${action.reason}` });
  await audit(ctx, 'invoice.waive_late_fee', action, { invoiceId: invoice.invoiceId });
  await afterSettlement(ctx);
}

/** Voids an invoice of this subscription (the records refuse any other): it owes nothing and leaves the arrears. */
export async function voidInvoice(ctx: SubscriptionContext, request: VoidInvoiceRequest): Promise<void> {
  const { ref, state } = ctx;
  const result = await records.voidInvoice({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    invoiceId: request.invoiceId,
    actor: request.actor,
    reason: request.reason,
  });
  if (result.credit !== undefined) state.credit = result.credit;
  if (state.current?.invoiceId === request.invoiceId) {
    state.current.status = 'void';
    state.current.balance = 0;
  }
  state.arrears = state.arrears.filter((arrear) => arrear.invoiceId !== request.invoiceId);
  ctx.record({ kind: 'invoice_voided', trigger: 'operator', actor: request.actor, message: `Tagihan dibatalkan: ${request.reason}` });
  await audit(ctx, 'invoice.void', request, { invoiceId: request.invoiceId });
  await afterSettlement(ctx);
}
