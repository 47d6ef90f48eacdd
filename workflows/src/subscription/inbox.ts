import type { Command, SubscriptionContext } from './context';
import { audit, sendNotification, suspend, unsuspend } from './effects';
import { applyPayment, giveCredit, reopenBalance, voidInvoice, waiveLateFee } from './ledger';
import { refusable } from './refusals';
import { inTraceOrigin } from './trace-origin';

/** What the timeline calls a command the records refused (Bahasa Indonesia). */
const COMMAND_LABELS: Record<Command['kind'], string> = {
  payment: 'Pembayaran',
  reopen: 'Pembukaan kembali tagihan',
  credit: 'Pemakaian saldo oleh langganan lain',
  suspend: 'Isolir manual',
  unsuspend: 'Aktivasi manual',
  waive: 'Penghapusan denda',
  void: 'Pembatalan tagihan',
  audit: 'Catatan audit',
  promise: 'Janji bayar',
};

/** Carries out the commands the handlers queued, in arrival order; a refused command is recorded and skipped. */
export async function drainInbox(ctx: SubscriptionContext): Promise<void> {
  for (let command = ctx.inbox.shift(); command; command = ctx.inbox.shift()) {
    const current = command;
    ctx.executing = current;
    await inTraceOrigin(current, () => refusable(ctx, COMMAND_LABELS[current.kind], () => execute(ctx, current)));
    ctx.executing = undefined;
  }
}

async function execute(ctx: SubscriptionContext, command: Command): Promise<void> {
  const { state } = ctx;
  switch (command.kind) {
    case 'payment':
      return applyPayment(ctx, command.payment);
    case 'reopen':
      return reopenBalance(ctx, command.reversal);
    case 'credit':
      return giveCredit(ctx, command.moved);
    case 'suspend':
      if (!state.suspended) {
        await suspend(ctx, `manual:${ctx.effectKey('suspend')}`, 'operator', {
          trigger: 'manual',
          actor: command.action.actor,
          reason: command.action.reason,
        });
      }
      return audit(ctx, 'subscription.suspend', command.action, {});
    case 'unsuspend':
      if (state.suspended) await unsuspend(ctx, `manual:${ctx.effectKey('unsuspend')}`, 'operator', command.action);
      return audit(ctx, 'subscription.unsuspend', command.action, {});
    case 'waive':
      return waiveLateFee(ctx, command.action);
    case 'void':
      return voidInvoice(ctx, command.request);
    case 'audit':
      return audit(ctx, command.name, command.action, command.detail);
    case 'promise':
      await sendNotification(ctx, 'promise_to_pay', { janjiBayarSampai: command.request.until }, `promise:${command.request.until}`);
      return audit(ctx, 'promise_to_pay', command.request, { until: command.request.until });
  }
}
