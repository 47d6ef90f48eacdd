import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  type Actor,
  type BalanceReopened,
  type CreditMoved,
  LunasSearchAttributes,
  type ManualAction,
  type ManualIssueOutcome,
  type PaymentReceived,
  type PromiseToPayRequest,
  type SubscriptionCarriedState,
  type SubscriptionRef,
  type TimelineEntry,
  type VoidInvoiceRequest,
} from '@lunas/contracts';
import { appendTimeline, stageOf } from './subscription-state';
import { rememberTraceOrigin } from './trace-origin';

/** What a message handler leaves for the main loop to carry out (effects happen there, in arrival order). */
export type Command =
  | { kind: 'payment'; payment: PaymentReceived }
  | { kind: 'reopen'; reversal: BalanceReopened }
  | { kind: 'credit'; moved: CreditMoved }
  | { kind: 'suspend'; action: ManualAction }
  | { kind: 'unsuspend'; action: ManualAction }
  | { kind: 'waive'; action: ManualAction }
  | { kind: 'void'; request: VoidInvoiceRequest }
  | { kind: 'audit'; name: string; action: ManualAction; detail: Record<string, unknown> }
  | { kind: 'promise'; request: PromiseToPayRequest };

/** A manual issue the main loop has yet to carry out (at most one at a time), and its outcome once it did. */
export interface PendingManualIssue {
  period: string;
  actor: Actor;
  outcome?: ManualIssueOutcome;
}

/** Workflow time (deterministic inside a workflow). */
export const now = (): number => Date.now();

/**
 * One run of a subscription workflow: the state carried across continue-as-new plus what lives only in this run
 * (the inbox of commands, the wake flag of the main loop, effect counters, the last published search attributes).
 */
export class SubscriptionContext {
  readonly inbox: Command[] = [];
  /** The command of the inbox being carried out (taken off `inbox`, not finished yet). */
  executing: Command | undefined;
  /** Set by handlers: the main loop re-plans before its timer fires. */
  dirty = false;
  /** This run has issued its cycle's invoice; the next issue time ends the run (continue-as-new). */
  cycleStarted = false;
  /** The manual issue waiting for the main loop (`issueNextInvoiceNow`). */
  manualIssue: PendingManualIssue | undefined;
  /** The main loop has ended (continue-as-new or cancellation): nothing more is issued in this run. */
  ending = false;
  /** When the `invoice_issued` message of the new invoice goes out (the next send-window opening). */
  issueNoticeAt: number | undefined;
  private effectCounter = 0;
  private lastSearchAttributes = '';

  constructor(
    readonly ref: SubscriptionRef,
    readonly state: SubscriptionCarriedState,
  ) {}

  /** A key unique to this run and effect, stable across replays (the counter advances in workflow order). */
  effectKey(name: string): string {
    return `${this.ref.subscriptionId}:${workflowInfo().runId}:${name}:${++this.effectCounter}`;
  }

  record(entry: Omit<TimelineEntry, 'at'>): void {
    appendTimeline(this.state, { at: now(), ...entry });
  }

  wake(): void {
    this.dirty = true;
  }

  /** Queues a command for the main loop and wakes it. */
  enqueue(command: Command): void {
    rememberTraceOrigin(command);
    this.inbox.push(command);
    this.wake();
  }

  /** Upserts the Lunas search attributes when stage, suspension, overdue date or invoice changed. */
  publishSearchAttributes(): void {
    const { ref, state } = this;
    const stage = stageOf(state, now());
    const invoiceNumber = state.current?.number;
    const signature = JSON.stringify([stage, state.suspended, state.overdueSince, invoiceNumber]);
    if (signature === this.lastSearchAttributes) return;
    this.lastSearchAttributes = signature;
    upsertSearchAttributes([
      { key: LunasSearchAttributes.tenantId, value: ref.tenantId },
      { key: LunasSearchAttributes.customerId, value: ref.customerId },
      { key: LunasSearchAttributes.subscriptionId, value: ref.subscriptionId },
      { key: LunasSearchAttributes.dunningStage, value: stage },
      { key: LunasSearchAttributes.suspended, value: state.suspended },
      { key: LunasSearchAttributes.overdueSince, value: state.overdueSince ? new Date(state.overdueSince) : null },
      { key: LunasSearchAttributes.invoiceNumber, value: invoiceNumber ?? null },
    ]);
  }
}
