import { patched } from '@temporalio/workflow';
import { catchUpAfterRun, type DunningAction, type DunningOccurrence, formatJakartaDateTime, missedItsMoment, planNextStep } from '@lunas/domain';
import type { InvoiceSnapshot } from '@lunas/contracts';
import { now, type SubscriptionContext } from './context';
import { isOpen, planInput } from './subscription-state';

/**
 * Runs before which a workflow that missed its moments (worker outage, clock jump) ran every overdue step at once;
 * with it the ladder is re-planned from the restart (planner rule 7).
 */
export const CATCH_UP_REPLAN = 'catch-up-replan';

/**
 * The workflow expected to run at `expectedAt` and runs only now, more than the tolerance later: it says so on the
 * timeline and the open invoice's ladder is re-planned from now.
 */
export function catchUpIfLate(ctx: SubscriptionContext, expectedAt: number): void {
  if (!missedItsMoment(expectedAt, now()) || !patched(CATCH_UP_REPLAN)) return;
  const since = formatJakartaDateTime(expectedAt).slice(0, 16).replace('T', ' ');
  ctx.record({ kind: 'catch_up', trigger: 'system', message: `Layanan penagihan sempat berhenti sejak ${since} WIB; penagihan direncanakan ulang mulai sekarang` });
  const invoice = ctx.state.current;
  if (isOpen(invoice)) invoice.catchUp = { ...invoice.catchUp, at: now() };
}

/** The catch-up of an invoice issued at `issuedAt` for the issue moment `scheduledAt`, when that moment was missed. */
export function lateIssueCatchUp(scheduledAt: number, issuedAt: number): Pick<InvoiceSnapshot, 'catchUp'> {
  return missedItsMoment(scheduledAt, issuedAt) && patched(CATCH_UP_REPLAN) ? { catchUp: { at: issuedAt } } : {};
}

/**
 * While catching up, the one message of the run due now (it carries the pay link) stands in for a missed issue
 * notice, unless that run is the invoice notice itself.
 */
export function issueNoticeGivesWay(ctx: SubscriptionContext, invoice: InvoiceSnapshot): boolean {
  if (!invoice.catchUp) return false;
  const decision = planNextStep(planInput(ctx.state, invoice, ctx.state.policy, now()));
  if (decision.kind !== 'step' || decision.at > now()) return false;
  const messages = decision.actions.flatMap(customerMessage);
  if (messages.length === 0 || messages.includes('invoice_issued')) return false;
  if (!decision.skippedNotices.includes('invoice_issued')) recordSkipped(ctx, ['invoice_issued']);
  return true;
}

/** After a run of a caught-up ladder: the warning's notice period starts, and the skipped reminders are on the timeline. */
export function noteCatchUpRun(ctx: SubscriptionContext, invoice: InvoiceSnapshot, run: DunningOccurrence): void {
  if (!invoice.catchUp) return;
  invoice.catchUp = catchUpAfterRun(invoice.catchUp, run);
  recordSkipped(ctx, run.skippedNotices);
}

function recordSkipped(ctx: SubscriptionContext, templates: string[]): void {
  for (const template of templates) {
    ctx.record({ kind: 'reminder_skipped', trigger: 'system', message: `Pengingat ${template} dilewati karena layanan penagihan sempat berhenti` });
  }
}

function customerMessage(action: DunningAction): string[] {
  return action.type === 'notify' || action.type === 'suspend_warning' ? [action.template] : [];
}
