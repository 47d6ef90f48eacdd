import { setHandler } from '@temporalio/workflow';
import { planNextStep, previewPlan } from '@lunas/domain';
import {
  applyPolicySignal,
  balanceReopenedSignal,
  cancelSubscriptionSignal,
  creditMovedSignal,
  changePackageUpdate,
  issueNextInvoiceNowUpdate,
  operatorActionUpdate,
  pauseDunningSignal,
  paymentReceivedSignal,
  previewQuery,
  promiseToPayUpdate,
  resumeDunningSignal,
  stateQuery,
  type SubscriptionWorkflowState,
  suspendNowSignal,
  unsuspendSignal,
  voidInvoiceSignal,
  waiveLateFeeSignal,
} from '@lunas/contracts';
import { now, type SubscriptionContext } from './context';
import { issueNextInvoiceNow } from './manual-issue';
import { applyOperatorAction, pauseDunning, requestCancellation, resumeDunning, validateOperatorAction } from './operator-actions';
import { acceptPromise, adoptPolicy, changePackage, validateChangePackage, validatePromiseRequest } from './requests';
import { isOpen, nextIssueAt, planInput, stageOf, totalBalance } from './subscription-state';

/** Message handlers: record facts, guard, queue effects and wake the main loop; queries answer from state. */
export function registerHandlers(ctx: SubscriptionContext): void {
  const { ref, state } = ctx;
  setHandler(paymentReceivedSignal, (payment) => ctx.enqueue({ kind: 'payment', payment }));
  setHandler(balanceReopenedSignal, (reversal) => ctx.enqueue({ kind: 'reopen', reversal }));
  setHandler(creditMovedSignal, (moved) => ctx.enqueue({ kind: 'credit', moved }));
  setHandler(suspendNowSignal, (action) => ctx.enqueue({ kind: 'suspend', action }));
  setHandler(unsuspendSignal, (action) => ctx.enqueue({ kind: 'unsuspend', action }));
  setHandler(pauseDunningSignal, (action) => pauseDunning(ctx, action));
  setHandler(resumeDunningSignal, (action) => resumeDunning(ctx, action));
  setHandler(waiveLateFeeSignal, (action) => ctx.enqueue({ kind: 'waive', action }));
  setHandler(voidInvoiceSignal, (request) => ctx.enqueue({ kind: 'void', request }));
  setHandler(cancelSubscriptionSignal, (request) => requestCancellation(ctx, request));
  setHandler(applyPolicySignal, ({ policy, mode, actor }) => {
    if (mode === 'now') {
      adoptPolicy(ctx, policy);
      state.pendingPolicy = undefined;
    } else {
      state.pendingPolicy = policy;
    }
    ctx.record({
      kind: 'policy_changed',
      trigger: 'operator',
      actor,
      message: `Kebijakan penagihan versi ${policy.version} ${mode === 'now' ? 'berlaku sekarang' : 'berlaku mulai siklus berikutnya'}`,
    });
    ctx.wake();
  });

  setHandler(promiseToPayUpdate, (request) => acceptPromise(ctx, request), { validator: (request) => void validatePromiseRequest(ctx, request) });
  setHandler(changePackageUpdate, (request) => changePackage(ctx, request), { validator: (request) => validateChangePackage(ctx, request) });
  setHandler(issueNextInvoiceNowUpdate, (request) => issueNextInvoiceNow(ctx, request));
  setHandler(operatorActionUpdate, (request) => applyOperatorAction(ctx, request), { validator: (request) => validateOperatorAction(ctx, request) });

  setHandler(stateQuery, (): SubscriptionWorkflowState => {
    const invoice = state.current;
    const decision = invoice && isOpen(invoice) ? planNextStep(planInput(state, invoice, state.policy, now())) : undefined;
    return {
      stage: stageOf(state, now()),
      suspended: state.suspended,
      cancelled: state.cancellation !== undefined && state.cancellation.at <= now(),
      dunningPaused: state.dunningPaused,
      packageId: state.packageId,
      nextPeriod: state.nextPeriod,
      nextInvoiceAt: nextIssueAt(ref, state),
      currentInvoice: invoice,
      balance: totalBalance(state),
      credit: state.credit,
      nextStep:
        decision?.kind === 'step'
          ? { stepId: decision.step.id, actions: decision.actions.map((action) => action.type), at: decision.at }
          : undefined,
      promise: state.promise,
      policyVersion: state.policy.version,
      pendingPolicyVersion: state.pendingPolicy?.version,
      overdueSince: state.overdueSince,
      cycle: state.cycle,
      timeline: state.timeline,
    };
  });

  setHandler(previewQuery, (policy) => {
    const invoice = state.current;
    if (!invoice || !isOpen(invoice)) return [];
    return previewPlan(planInput(state, invoice, policy, now())).map((run) => ({
      stepId: run.step.id,
      stepIds: run.stepIds,
      actions: run.actions.map((action) => action.type),
      at: run.at,
    }));
  });
}
