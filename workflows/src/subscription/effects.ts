import type { Actor, ManualAction, NetworkActionResult, NotificationTemplate, TimelineEntry } from '@lunas/contracts';
import { messaging, network, records } from './activities';
import { now, type SubscriptionContext } from './context';

/** Cuts the service (once per key), records it, tells the customer. */
export async function suspend(
  ctx: SubscriptionContext,
  key: string,
  trigger: TimelineEntry['trigger'],
  detail: { trigger: string; actor?: Actor; reason?: string },
): Promise<void> {
  const outcome = await enforceNetwork(ctx, 'suspend', key, detail);
  ctx.state.suspended = true;
  ctx.record({ kind: 'suspended', trigger, actor: detail.actor, message: `Layanan diisolir${detail.reason ? `: ${detail.reason}` : ''}${networkNote(outcome)}` });
  ctx.publishSearchAttributes();
  await sendNotification(ctx, 'suspended', {}, `suspended:${key}`);
}

/** Restores the service (once per key), records it, tells the customer. */
export async function unsuspend(ctx: SubscriptionContext, key: string, trigger: TimelineEntry['trigger'], action?: ManualAction): Promise<void> {
  const outcome = await enforceNetwork(ctx, 'unsuspend', key, { trigger: action ? 'manual' : 'payment', actor: action?.actor, reason: action?.reason });
  ctx.state.suspended = false;
  ctx.record({ kind: 'unsuspended', trigger, actor: action?.actor, message: `Layanan diaktifkan kembali${networkNote(outcome)}` });
  ctx.publishSearchAttributes();
  await sendNotification(ctx, 'unsuspended', {}, `unsuspended:${key}`);
}

/** Asks the network (RADIUS) to cut or restore the service, once per action and key. */
export async function enforceNetwork(
  ctx: SubscriptionContext,
  action: 'suspend' | 'unsuspend',
  key: string,
  detail: { trigger: string; actor?: Actor; reason?: string },
): Promise<NetworkActionResult> {
  const { ref } = ctx;
  return network().enforceNetwork({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    action,
    idempotencyKey: `${ref.subscriptionId}:${action}:${key}`,
    at: now(),
    ...detail,
  });
}

/**
 * A customer message about the current invoice (or `invoiceId`), with the invoice's figures as template variables;
 * sent once per invoice and `keySuffix`.
 */
export async function sendNotification(
  ctx: SubscriptionContext,
  template: NotificationTemplate,
  vars: Record<string, string | number>,
  keySuffix: string,
  invoiceId?: string,
): Promise<void> {
  const { ref, state } = ctx;
  const invoice = state.current?.invoiceId === (invoiceId ?? state.current?.invoiceId) ? state.current : undefined;
  if (invoice?.notices.includes(keySuffix)) return;
  const outcome = await messaging().notify({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    customerId: ref.customerId,
    invoiceId: invoiceId ?? invoice?.invoiceId,
    template,
    vars: invoice
      ? {
          nomorTagihan: invoice.number,
          periode: invoice.period,
          jatuhTempo: invoice.dueDate,
          totalTagihan: invoice.total,
          denda: invoice.lateFee,
          sisaTagihan: invoice.balance,
          linkBayar: invoice.payLink ?? '',
          ...vars,
        }
      : vars,
    idempotencyKey: `${ref.subscriptionId}:${invoice?.period ?? '-'}:${keySuffix}`,
  });
  invoice?.notices.push(keySuffix);
  if (outcome.status === 'simulated') {
    ctx.record({ kind: 'notification_simulated', trigger: 'system', message: `Pesan ${template} disimulasikan oleh ${outcome.adapter}: tidak terkirim ke pelanggan` });
  }
}

/**
 * What a timeline line about the network adds when a stand-in adapter only recorded the action (the operator must
 * not read "diisolir" as a cut connection); nothing otherwise.
 */
export function networkNote(outcome: NetworkActionResult): string {
  return outcome.result === 'simulated' ? ` (disimulasikan oleh ${outcome.adapter}: jaringan tidak diubah)` : '';
}

/** The audit-log row of an operator's action. */
export async function audit(ctx: SubscriptionContext, name: string, action: ManualAction, detail: Record<string, unknown>): Promise<void> {
  const { ref } = ctx;
  await records.recordAudit({
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    action: name,
    actor: action.actor,
    reason: action.reason,
    detail,
    idempotencyKey: ctx.effectKey(`audit:${name}`),
  });
}
