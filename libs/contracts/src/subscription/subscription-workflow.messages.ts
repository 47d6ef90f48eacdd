import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DunningPolicy } from '@lunas/domain';
import type {
  ApplyPolicyRequest,
  BalanceReopened,
  CancelSubscriptionRequest,
  CreditMoved,
  ChangePackageRequest,
  ChangePackageResult,
  IssueNextInvoiceRequest,
  ManualIssueOutcome,
  ManualAction,
  OperatorActionRequest,
  PaymentReceived,
  PreviewStep,
  PromiseToPayAccepted,
  PromiseToPayRequest,
  SubscriptionWorkflowState,
  VoidInvoiceRequest,
} from './subscription-workflow.types';

/** Name of the workflow type registered by the worker. */
export const SUBSCRIPTION_WORKFLOW_TYPE = 'subscriptionWorkflow';

/** A payment for one of the subscription's invoices (webhook relay, kasir, bank import). Duplicates are harmless. */
export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');
/** Finance: a paid invoice owes money again (refund, chargeback); dunning resumes on it per policy. */
export const balanceReopenedSignal = defineSignal<[BalanceReopened]>('balanceReopened');
/** Ledger: this subscription's credit paid an invoice or refund of another subscription of the customer. */
export const creditMovedSignal = defineSignal<[CreditMoved]>('creditMoved');
/** Operator: suspend (isolir) now. */
export const suspendNowSignal = defineSignal<[ManualAction]>('suspendNow');
/** Operator: restore service now. */
export const unsuspendSignal = defineSignal<[ManualAction]>('unsuspend');
/** Operator: hold the dunning ladder (nothing is sent or charged until resumed). */
export const pauseDunningSignal = defineSignal<[ManualAction]>('pauseDunning');
/** Operator: resume the ladder with the step that is due (nothing repeated, nothing skipped). */
export const resumeDunningSignal = defineSignal<[ManualAction]>('resumeDunning');
/** Operator: waive the current invoice's late fee (removed if charged; never charged later). */
export const waiveLateFeeSignal = defineSignal<[ManualAction]>('waiveLateFee');
/** Operator: void an invoice (dunning on it stops). */
export const voidInvoiceSignal = defineSignal<[VoidInvoiceRequest]>('voidInvoice');
/** Operator: cancel the subscription at the end of the service period, or now. */
export const cancelSubscriptionSignal = defineSignal<[CancelSubscriptionRequest]>('cancelSubscription');
/** Tenant: a new policy version, from the next cycle or now (applied at the next safe point). */
export const applyPolicySignal = defineSignal<[ApplyPolicyRequest]>('applyPolicy');

/**
 * Customer promise to pay (janji bayar). The validator refuses (400-worthy, message in Bahasa Indonesia)
 * with the codes of `validatePromise`: INVOICE_PAID, PROMISE_DATE_TOO_FAR, PROMISE_LIMIT_REACHED, …
 */
export const promiseToPayUpdate = defineUpdate<PromiseToPayAccepted, [PromiseToPayRequest]>('promiseToPay');
/** Operator: change the package next cycle, or now with day-based proration onto the next invoice. */
export const changePackageUpdate = defineUpdate<ChangePackageResult, [ChangePackageRequest]>('changePackage');
/**
 * Operator: issue the next period's invoice now (`POST /api/v1/invoices/generate`). Idempotent with the scheduled
 * issue and with itself: a period already invoiced is answered `skipped`, never issued twice.
 */
export const issueNextInvoiceNowUpdate = defineUpdate<ManualIssueOutcome, [IssueNextInvoiceRequest]>('issueNextInvoiceNow');

/**
 * Operator action (suspend, unsuspend, pause/resume dunning, waive the late fee, void an invoice, cancel), as its
 * signal above but answered: the validator refuses an action that would change nothing with a {@link StateConflict}
 * code and an Indonesian message, judged from the state and the actions already accepted.
 */
export const operatorActionUpdate = defineUpdate<void, [OperatorActionRequest]>('operatorAction');

/** Live state for the console. */
export const stateQuery = defineQuery<SubscriptionWorkflowState>('state');
/** What the current invoice would go through from now under `policy` (no side effects). */
export const previewQuery = defineQuery<PreviewStep[], [DunningPolicy]>('preview');
