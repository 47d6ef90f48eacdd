import type { SubscriptionContext } from './context';
import { audit, sendNotification, suspend, unsuspend } from './effects';
import { applyPayment, reopenBalance, voidInvoice, waiveLateFee } from './ledger';

/** Carries out the commands the handlers queued, in arrival order. */
export async function drainInbox(ctx: SubscriptionContext): Promise<void> {
  const { state } = ctx;
  for (let command = ctx.inbox.shift(); command; command = ctx.inbox.shift()) {
    switch (command.kind) {
      case 'payment':
        await applyPayment(ctx, command.payment);
        break;
      case 'reopen':
        reopenBalance(ctx, command.reversal);
        break;
      case 'suspend':
        if (!state.suspended) {
          await suspend(ctx, `manual:${ctx.effectKey('suspend')}`, 'operator', {
            trigger: 'manual',
            actor: command.action.actor,
            reason: command.action.reason,
          });
        }
        await audit(ctx, 'subscription.suspend', command.action, {});
        break;
      case 'unsuspend':
        if (state.suspended) await unsuspend(ctx, `manual:${ctx.effectKey('unsuspend')}`, 'operator', command.action);
        await audit(ctx, 'subscription.unsuspend', command.action, {});
        break;
      case 'waive':
        await waiveLateFee(ctx, command.action);
        break;
      case 'void':
        await voidInvoice(ctx, command.request);
        break;
      case 'audit':
        await audit(ctx, command.name, command.action, command.detail);
        break;
      case 'promise':
        await sendNotification(ctx, 'promise_to_pay', { janjiBayarSampai: command.request.until }, `promise:${command.request.until}`);
        await audit(ctx, 'promise_to_pay', command.request, { until: command.request.until });
        break;
    }
  }
}
