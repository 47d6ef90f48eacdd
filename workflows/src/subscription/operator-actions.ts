import { ApplicationFailure } from '@temporalio/workflow';
import { jakartaDateOf } from '@lunas/domain';
import { type CancelSubscriptionRequest, type ManualAction, type OperatorActionRequest, StateConflict, type StateConflictCode } from '@lunas/contracts';
import type { Command, SubscriptionContext } from './context';
import { cancellationInstant } from './requests';
import { isOpen } from './subscription-state';

/**
 * Refuses an operator action that would change nothing, judged from the state and from the commands accepted but not
 * yet carried out (so that of two identical requests racing, the second is refused): suspending a suspended
 * subscription, unsuspending an active one, pausing paused dunning, resuming running dunning, waiving the fee of an
 * invoice that owes nothing or whose fee is already waived, voiding a void invoice, cancelling a cancelled subscription.
 */
export function validateOperatorAction(ctx: SubscriptionContext, request: OperatorActionRequest): void {
  const { state } = ctx;
  if (!request?.actor?.userId || !request.reason) throw ApplicationFailure.nonRetryable('Pelaku dan alasan wajib diisi', 'ACTOR_REQUIRED');
  switch (request.action) {
    case 'suspend':
      if (suspendedOnceCarriedOut(ctx)) throw conflict(StateConflict.AlreadySuspended, 'Langganan sudah diisolir');
      return;
    case 'unsuspend':
      if (!suspendedOnceCarriedOut(ctx)) throw conflict(StateConflict.NotSuspended, 'Langganan tidak sedang diisolir');
      return;
    case 'pause-dunning':
      if (state.dunningPaused) throw conflict(StateConflict.DunningAlreadyPaused, 'Penagihan sudah dijeda');
      return;
    case 'resume-dunning':
      if (!state.dunningPaused) throw conflict(StateConflict.DunningNotPaused, 'Penagihan tidak sedang dijeda');
      return;
    case 'waive-fee': {
      const invoice = state.current;
      if (!isOpen(invoice)) throw conflict(StateConflict.NoOpenInvoice, 'Tidak ada tagihan terbuka; tidak ada denda yang bisa dihapus');
      if ((invoice.lateFee === 0 && invoice.lateFeeSettled) || pending(ctx).some((command) => command.kind === 'waive')) {
        throw conflict(StateConflict.LateFeeAlreadyWaived, `Denda tagihan ${invoice.number} sudah dihapus`);
      }
      return;
    }
    case 'void-invoice': {
      const alreadyVoid = state.current?.invoiceId === request.invoiceId && state.current.status === 'void';
      if (alreadyVoid || pending(ctx).some((command) => command.kind === 'void' && command.request.invoiceId === request.invoiceId)) {
        throw conflict(StateConflict.InvoiceAlreadyVoid, 'Tagihan ini sudah dibatalkan');
      }
      return;
    }
    case 'cancel':
      if (state.cancellation) {
        throw conflict(StateConflict.SubscriptionCancelled, `Langganan sudah dibatalkan (berlaku ${jakartaDateOf(state.cancellation.at)})`);
      }
      return;
  }
}

/** Carries out an accepted operator action exactly as its signal does. */
export function applyOperatorAction(ctx: SubscriptionContext, request: OperatorActionRequest): void {
  const manual: ManualAction = { actor: request.actor, reason: request.reason };
  switch (request.action) {
    case 'suspend':
      return ctx.enqueue({ kind: 'suspend', action: manual });
    case 'unsuspend':
      return ctx.enqueue({ kind: 'unsuspend', action: manual });
    case 'pause-dunning':
      return pauseDunning(ctx, manual);
    case 'resume-dunning':
      return resumeDunning(ctx, manual);
    case 'waive-fee':
      return ctx.enqueue({ kind: 'waive', action: manual });
    case 'void-invoice':
      return ctx.enqueue({ kind: 'void', request: { ...manual, invoiceId: request.invoiceId } });
    case 'cancel':
      return requestCancellation(ctx, { ...manual, mode: request.mode });
  }
}

export function pauseDunning(ctx: SubscriptionContext, action: ManualAction): void {
  if (ctx.state.dunningPaused) return;
  ctx.state.dunningPaused = true;
  ctx.record({ kind: 'dunning_paused', trigger: 'operator', actor: action.actor, message: `Penagihan dijeda: ${action.reason}` });
  ctx.enqueue({ kind: 'audit', name: 'dunning.pause', action, detail: {} });
}

export function resumeDunning(ctx: SubscriptionContext, action: ManualAction): void {
  if (!ctx.state.dunningPaused) return;
  ctx.state.dunningPaused = false;
  ctx.record({ kind: 'dunning_resumed', trigger: 'operator', actor: action.actor, message: `Penagihan dilanjutkan: ${action.reason}` });
  ctx.enqueue({ kind: 'audit', name: 'dunning.resume', action, detail: {} });
}

export function requestCancellation(ctx: SubscriptionContext, request: CancelSubscriptionRequest): void {
  if (ctx.state.cancellation) return;
  ctx.state.cancellation = { at: cancellationInstant(ctx, request), mode: request.mode };
  ctx.record({
    kind: 'cancel_requested',
    trigger: 'operator',
    actor: request.actor,
    message: `Langganan dibatalkan (${request.mode === 'now' ? 'sekarang' : 'akhir periode'}): ${request.reason}`,
  });
  ctx.enqueue({ kind: 'audit', name: 'subscription.cancel', action: request, detail: { mode: request.mode } });
}

function conflict(code: StateConflictCode, message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, code);
}

/** The command being carried out and those queued after it. */
function pending(ctx: SubscriptionContext): Command[] {
  return ctx.executing ? [ctx.executing, ...ctx.inbox] : ctx.inbox;
}

/** Whether the subscription is suspended once the suspensions and restorations accepted so far are carried out. */
function suspendedOnceCarriedOut(ctx: SubscriptionContext): boolean {
  return pending(ctx).reduce(
    (suspended, command) => (command.kind === 'suspend' ? true : command.kind === 'unsuspend' ? false : suspended),
    ctx.state.suspended,
  );
}
