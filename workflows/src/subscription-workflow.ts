import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  billingPeriod,
  computeLateFee,
  type DunningAction,
  type DunningOccurrence,
  jakartaDateOf,
  jakartaInstant,
  nextPeriod,
  nextSendWindowOpening,
  periodContaining,
  planNextStep,
  previewPlan,
  prorateChange,
  shouldIssueInvoice,
  validatePromise,
} from '@lunas/domain';
import {
  type Actor,
  applyPolicySignal,
  type BillingActivities,
  cancelSubscriptionSignal,
  type CancelSubscriptionRequest,
  changePackageUpdate,
  type ChangePackageRequest,
  type InvoiceSnapshot,
  type IssueInvoiceInput,
  type ChangePackageResult,
  LunasSearchAttributes,
  type ManualAction,
  type NotificationTemplate,
  pauseDunningSignal,
  balanceReopenedSignal,
  paymentReceivedSignal,
  type BalanceReopened,
  type PaymentReceived,
  type PromiseToPayRequest,
  previewQuery,
  promiseToPayUpdate,
  type PromiseToPayAccepted,
  resumeDunningSignal,
  stateQuery,
  type SubscriptionCarriedState,
  type SubscriptionWorkflowInput,
  type SubscriptionWorkflowResult,
  type SubscriptionWorkflowState,
  suspendNowSignal,
  type TimelineEntry,
  unsuspendSignal,
  voidInvoiceSignal,
  type VoidInvoiceRequest,
  waiveLateFeeSignal,
} from '@lunas/contracts';
import {
  appendTimeline,
  initialState,
  isOpen,
  nextIssueAt,
  overdueInstant,
  planInput,
  rememberPayment,
  rupiah,
  stageOf,
  stepsAlreadyPast,
  totalBalance,
} from './subscription/subscription-state';

/**
 * Database writes: 30 s per attempt, retried from 1 s doubling to 1 min, without end (a fault in PostgreSQL is
 * waited out; a business refusal is a non-retryable ApplicationFailure and fails at once).
 */
const records = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Issuing the invoice is two short statements, so it runs as a local activity in the worker that holds the workflow
 * task: one workflow task per issued invoice instead of two plus an activity task (bench/billing). Same timeouts and
 * retries as {@link records}; a retry backing off past a minute waits on a workflow timer. Idempotent like every
 * record: a worker that dies mid-way leaves the workflow task to time out and the next worker issues it once.
 */
const localRecords = proxyLocalActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Histories from before issueInvoice ran locally scheduled it as a regular activity; they replay that way. */
const ISSUE_INVOICE_LOCALLY = 'issue-invoice-locally';

/**
 * Outside effects (WhatsApp, RADIUS): 2 min per attempt (a slow gateway), retried from 5 s doubling to 10 min.
 * Idempotency keys make every retry a no-op once the effect happened.
 */
const effects = proxyActivities<BillingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

type Command =
  | { kind: 'payment'; payment: PaymentReceived }
  | { kind: 'reopen'; reversal: BalanceReopened }
  | { kind: 'suspend'; action: ManualAction }
  | { kind: 'unsuspend'; action: ManualAction }
  | { kind: 'waive'; action: ManualAction }
  | { kind: 'void'; request: VoidInvoiceRequest }
  | { kind: 'audit'; name: string; action: ManualAction; detail: Record<string, unknown> }
  | { kind: 'promise'; request: PromiseToPayRequest };

/**
 * One subscription's billing, for its whole life: each cycle waits for the issue time of the next period
 * (H-1 06:00 WIB), issues its invoice once, then walks the tenant's dunning policy through the pure planner
 * until the invoice is settled, while payments, promises and operator actions arrive as messages. At the next
 * issue time it continues as new, carrying its state.
 */
export async function subscriptionWorkflow(input: SubscriptionWorkflowInput): Promise<SubscriptionWorkflowResult> {
  const ref = input.subscription;
  const state: SubscriptionCarriedState = input.carried ?? initialState(input, Date.now());
  const inbox: Command[] = [];
  let dirty = false;
  let cycleStarted = false;
  /** When the `invoice_issued` message of the new invoice goes out (the next send-window opening). */
  let issueNoticeAt: number | undefined;
  let effectCounter = 0;
  let lastSearchAttributes = '';

  const now = () => Date.now();
  const effectKey = (name: string) => `${ref.subscriptionId}:${workflowInfo().runId}:${name}:${++effectCounter}`;
  const record = (entry: Omit<TimelineEntry, 'at'>) => appendTimeline(state, { at: now(), ...entry });
  const wake = () => {
    dirty = true;
  };

  // ---- message handlers: record facts, guard, wake the main loop ----
  setHandler(paymentReceivedSignal, (payment) => {
    inbox.push({ kind: 'payment', payment });
    wake();
  });
  setHandler(balanceReopenedSignal, (reversal) => {
    inbox.push({ kind: 'reopen', reversal });
    wake();
  });
  setHandler(suspendNowSignal, (action) => {
    inbox.push({ kind: 'suspend', action });
    wake();
  });
  setHandler(unsuspendSignal, (action) => {
    inbox.push({ kind: 'unsuspend', action });
    wake();
  });
  setHandler(pauseDunningSignal, (action) => {
    if (state.dunningPaused) return;
    state.dunningPaused = true;
    record({ kind: 'dunning_paused', trigger: 'operator', actor: action.actor, message: `Penagihan dijeda: ${action.reason}` });
    inbox.push({ kind: 'audit', name: 'dunning.pause', action, detail: {} });
    wake();
  });
  setHandler(resumeDunningSignal, (action) => {
    if (!state.dunningPaused) return;
    state.dunningPaused = false;
    record({ kind: 'dunning_resumed', trigger: 'operator', actor: action.actor, message: `Penagihan dilanjutkan: ${action.reason}` });
    inbox.push({ kind: 'audit', name: 'dunning.resume', action, detail: {} });
    wake();
  });
  setHandler(waiveLateFeeSignal, (action) => {
    inbox.push({ kind: 'waive', action });
    wake();
  });
  setHandler(voidInvoiceSignal, (request) => {
    inbox.push({ kind: 'void', request });
    wake();
  });
  setHandler(cancelSubscriptionSignal, (request) => {
    if (state.cancellation) return;
    state.cancellation = { at: cancellationInstant(request), mode: request.mode };
    record({
      kind: 'cancel_requested',
      trigger: 'operator',
      actor: request.actor,
      message: `Langganan dibatalkan (${request.mode === 'now' ? 'sekarang' : 'akhir periode'}): ${request.reason}`,
    });
    inbox.push({ kind: 'audit', name: 'subscription.cancel', action: request, detail: { mode: request.mode } });
    wake();
  });
  setHandler(applyPolicySignal, ({ policy, mode, actor }) => {
    if (mode === 'now') {
      adoptPolicy(policy);
      state.pendingPolicy = undefined;
    } else {
      state.pendingPolicy = policy;
    }
    record({
      kind: 'policy_changed',
      trigger: 'operator',
      actor,
      message: `Kebijakan penagihan versi ${policy.version} ${mode === 'now' ? 'berlaku sekarang' : 'berlaku mulai siklus berikutnya'}`,
    });
    wake();
  });

  setHandler(promiseToPayUpdate, acceptPromise, { validator: validatePromiseRequest });
  setHandler(changePackageUpdate, changePackage, { validator: validateChangePackage });

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

  // ---- main loop ----
  publishSearchAttributes();
  for (;;) {
    const wakeAt = nextWakeAt();
    if (wakeAt > now() && inbox.length === 0) {
      dirty = false;
      await condition(() => dirty || inbox.length > 0, wakeAt - now());
    }
    await drainInbox();
    if (state.cancellation && state.cancellation.at <= now()) return finishCancellation(state.cancellation);
    expirePromise();
    if (now() >= nextIssueAt(ref, state)) {
      if (cycleStarted) break;
      await startCycle();
      cycleStarted = true;
    } else {
      await sendIssueNoticeIfDue();
      await runDueStep();
    }
    noteOverdue();
    publishSearchAttributes();
  }

  await condition(allHandlersFinished);
  return continueAsNew<typeof subscriptionWorkflow>({ ...input, carried: { ...state, cycle: state.cycle + 1 } });

  // ---- cycle ----
  function nextWakeAt(): number {
    const candidates = [nextIssueAt(ref, state)];
    if (state.cancellation) candidates.push(state.cancellation.at);
    if (state.promise) candidates.push(state.promise.until);
    if (issueNoticeAt !== undefined) candidates.push(issueNoticeAt);
    const invoice = state.current;
    if (isOpen(invoice)) {
      const decision = planNextStep(planInput(state, invoice, state.policy, now()));
      if (decision.kind === 'step') candidates.push(decision.at);
      if (decision.kind === 'wait-promise') candidates.push(decision.until);
      if (!state.overdueSince) candidates.push(overdueInstant(ref, invoice));
    }
    return Math.min(...candidates);
  }

  async function startCycle(): Promise<void> {
    if (state.pendingPolicy) {
      state.policy = state.pendingPolicy;
      state.pendingPolicy = undefined;
    }
    if (state.scheduledPackageChange) {
      state.packageId = state.scheduledPackageChange.packageId;
      state.scheduledPackageChange = undefined;
    }
    const period = state.nextPeriod;
    state.nextPeriod = nextPeriod(billingPeriod(ref.billingDay, period)).key;
    if (state.cancellation) {
      record({ kind: 'invoice_skipped', trigger: 'schedule', message: `Tagihan periode ${period} tidak diterbitkan: langganan dibatalkan` });
      return;
    }
    if (!shouldIssueInvoice(state.policy, state.suspended)) {
      record({ kind: 'invoice_skipped', trigger: 'schedule', message: `Tagihan periode ${period} tidak diterbitkan: layanan diisolir` });
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
    };
    record({
      kind: 'invoice_issued',
      trigger: 'schedule',
      message: `Tagihan ${issued.number} periode ${period} terbit: ${rupiah(issued.total)}, jatuh tempo ${issued.dueDate}`,
      amount: issued.total,
    });
    issueNoticeAt = nextSendWindowOpening(now(), state.policy.sendWindow);
  }

  /**
   * `invoice_issued` with the pay link at the first send-window opening after issuance (H-1 06:00 → 08:00);
   * a policy step with the same template then finds it sent and sends nothing.
   */
  async function sendIssueNoticeIfDue(): Promise<void> {
    if (issueNoticeAt === undefined || issueNoticeAt > now()) return;
    issueNoticeAt = undefined;
    if (isOpen(state.current)) await sendNotification('invoice_issued', {}, 'invoice_issued');
  }

  async function runDueStep(): Promise<void> {
    const invoice = state.current;
    if (!isOpen(invoice)) return;
    const decision = planNextStep(planInput(state, invoice, state.policy, now()));
    if (decision.kind !== 'step' || decision.at > now()) return;
    await runOccurrence(decision, invoice);
  }

  async function runOccurrence(run: DunningOccurrence, invoice: InvoiceSnapshot): Promise<void> {
    // Money first, so that a reminder sent with a late fee quotes the new balance.
    const ordered = [...run.actions].sort((a, b) => Number(b.type === 'late_fee') - Number(a.type === 'late_fee'));
    for (const action of ordered) await runAction(action, run, invoice);
    invoice.completedStepIds.push(...run.stepIds);
    record({ kind: 'dunning_step', trigger: 'schedule', message: `Langkah penagihan ${run.stepIds.join(', ')} dijalankan` });
  }

  async function runAction(action: DunningAction, run: DunningOccurrence, invoice: InvoiceSnapshot): Promise<void> {
    switch (action.type) {
      case 'notify':
        await sendNotification(action.template as NotificationTemplate, {}, action.template);
        return;
      case 'suspend_warning':
        await sendNotification(action.template as NotificationTemplate, {}, action.template);
        record({ kind: 'suspend_warning', trigger: 'schedule', message: 'Peringatan isolir dikirim' });
        return;
      case 'late_fee': {
        const amount = computeLateFee(action.fee, invoice.total);
        if (amount <= 0) return;
        const result = await records.addLateFee({
          tenantId: ref.tenantId,
          invoiceId: invoice.invoiceId,
          amount,
          description: `Denda keterlambatan tagihan ${invoice.number}`,
        });
        invoice.lateFee = result.lateFee;
        invoice.balance = result.balance;
        invoice.lateFeeSettled = true;
        record({ kind: 'late_fee', trigger: 'schedule', message: `Denda ${rupiah(amount)} ditambahkan`, amount });
        return;
      }
      case 'suspend':
        await suspend(`${invoice.period}:${run.step.id}`, 'schedule', { trigger: run.step.id });
        return;
    }
  }

  // ---- inbox ----
  async function drainInbox(): Promise<void> {
    for (let command = inbox.shift(); command; command = inbox.shift()) {
      switch (command.kind) {
        case 'payment':
          await applyPayment(command.payment);
          break;
        case 'reopen':
          reopenBalance(command.reversal);
          break;
        case 'suspend':
          if (!state.suspended) {
            await suspend(`manual:${effectKey('suspend')}`, 'operator', {
              trigger: 'manual',
              actor: command.action.actor,
              reason: command.action.reason,
            });
          }
          await audit('subscription.suspend', command.action, {});
          break;
        case 'unsuspend':
          if (state.suspended) await unsuspend(`manual:${effectKey('unsuspend')}`, 'operator', command.action);
          await audit('subscription.unsuspend', command.action, {});
          break;
        case 'waive':
          await waiveLateFee(command.action);
          break;
        case 'void':
          await voidInvoice(command.request);
          break;
        case 'audit':
          await audit(command.name, command.action, command.detail);
          break;
        case 'promise':
          await sendNotification('promise_to_pay', { janjiBayarSampai: command.request.until }, `promise:${command.request.until}`);
          await audit('promise_to_pay', command.request, { until: command.request.until });
          break;
      }
    }
  }

  async function applyPayment(payment: PaymentReceived): Promise<void> {
    if (state.appliedPaymentIds.includes(payment.paymentId)) return;
    const result = await records.applyPayment({
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
      if (result.invoiceStatus === 'paid') invoice.status = 'paid';
    } else {
      state.arrears = state.arrears
        .map((arrear) => (arrear.invoiceId === result.invoiceId ? { ...arrear, balance: result.invoiceBalance } : arrear))
        .filter((arrear) => arrear.balance > 0);
    }
    if (!result.applied) return;
    record({
      kind: 'payment_applied',
      trigger: 'payment',
      message:
        `Pembayaran ${rupiah(payment.amount)} (${payment.source}) diterima` +
        (result.overpayment > 0 ? `, kelebihan ${rupiah(result.overpayment)} menjadi saldo` : '') +
        (result.invoiceBalance > 0 ? `, sisa ${rupiah(result.invoiceBalance)}` : ', lunas'),
      amount: payment.amount,
    });
    await sendNotification(
      'payment_received',
      { jumlahBayar: payment.amount, sisaTagihan: result.invoiceBalance, tanggalBayar: jakartaDateOf(payment.paidAt) },
      `payment:${payment.paymentId}`,
      result.invoiceId,
    );
    await afterSettlement();
  }

  /** A refund or chargeback: the invoice owes again and the ladder picks up the steps that are due. */
  function reopenBalance(reversal: BalanceReopened): void {
    if (state.appliedPaymentIds.includes(reversal.eventId)) return;
    rememberPayment(state, reversal.eventId);
    const invoice = state.current?.invoiceId === reversal.invoiceId ? state.current : undefined;
    if (invoice) {
      invoice.balance = reversal.balance;
      invoice.status = reversal.balance > 0 ? 'open' : invoice.status;
    } else if (reversal.balance > 0) {
      const others = state.arrears.filter((arrear) => arrear.invoiceId !== reversal.invoiceId);
      const known = state.arrears.find((arrear) => arrear.invoiceId === reversal.invoiceId);
      state.arrears = [...others, { invoiceId: reversal.invoiceId, number: known?.number ?? reversal.invoiceId, balance: reversal.balance }];
    }
    record({
      kind: 'balance_reopened',
      trigger: 'payment',
      amount: reversal.balance,
      message: `${reversal.reason === 'chargeback' ? 'Chargeback' : 'Pengembalian dana'}: tagihan kembali terutang ${rupiah(reversal.balance)}`,
    });
  }

  /** Nothing owed any more: stop dunning, restore service at once, then tell the customer. */
  async function afterSettlement(): Promise<void> {
    if (totalBalance(state) > 0) return;
    if (state.current && state.promise?.invoiceId === state.current.invoiceId) state.promise = undefined;
    state.overdueSince = undefined;
    if (state.suspended) await unsuspend(`settled:${state.current?.invoiceId ?? 'none'}`, 'payment');
  }

  async function waiveLateFee(action: ManualAction): Promise<void> {
    const invoice = state.current;
    if (!isOpen(invoice)) return;
    if (invoice.lateFee > 0) {
      const result = await records.waiveLateFee({ tenantId: ref.tenantId, invoiceId: invoice.invoiceId, ...action });
      invoice.balance = result.balance;
      invoice.lateFee = result.lateFee;
      if (result.status === 'paid') invoice.status = 'paid';
    }
    invoice.lateFeeSettled = true;
    record({ kind: 'late_fee_waived', trigger: 'operator', actor: action.actor, message: `Denda dihapus: ${action.reason}` });
    await audit('invoice.waive_late_fee', action, { invoiceId: invoice.invoiceId });
    await afterSettlement();
  }

  async function voidInvoice(request: VoidInvoiceRequest): Promise<void> {
    await records.voidInvoice({ tenantId: ref.tenantId, invoiceId: request.invoiceId, actor: request.actor, reason: request.reason });
    if (state.current?.invoiceId === request.invoiceId) {
      state.current.status = 'void';
      state.current.balance = 0;
    }
    state.arrears = state.arrears.filter((arrear) => arrear.invoiceId !== request.invoiceId);
    record({ kind: 'invoice_voided', trigger: 'operator', actor: request.actor, message: `Tagihan dibatalkan: ${request.reason}` });
    await audit('invoice.void', request, { invoiceId: request.invoiceId });
    await afterSettlement();
  }

  async function changePackage(request: ChangePackageRequest): Promise<ChangePackageResult> {
    const fromPackageId = state.packageId;
    const prices = await records.changePackage({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      fromPackageId,
      toPackageId: request.packageId,
      mode: request.mode,
      actor: request.actor,
      reason: request.reason,
      idempotencyKey: effectKey('change-package'),
    });
    const base = { mode: request.mode, fromPackageId, toPackageId: request.packageId, ...pick(prices) };
    const label = `${prices.oldName} → ${prices.newName}`;
    if (request.mode === 'next_cycle') {
      state.scheduledPackageChange = { packageId: request.packageId, requestedAt: now() };
      record({ kind: 'package_change_scheduled', trigger: 'operator', actor: request.actor, message: `Ganti paket ${label} mulai periode ${state.nextPeriod}` });
      wake();
      return { ...base, appliesToPeriod: state.nextPeriod };
    }
    const period = periodContaining(ref.billingDay, now());
    const effectiveDate = jakartaDateOf(now());
    const proration = prorateChange({
      period,
      effectiveDate,
      oldMonthlyAmount: prices.oldMonthlyAmount,
      newMonthlyAmount: prices.newMonthlyAmount,
    });
    state.packageId = request.packageId;
    state.scheduledPackageChange = undefined;
    if (proration.net !== 0) {
      state.pendingLines.push({
        kind: 'proration',
        description: `Prorata ganti paket ${label} (${proration.remainingDays}/${proration.daysInPeriod} hari, periode ${period.key})`,
        amount: proration.net,
      });
    }
    record({
      kind: 'package_changed',
      trigger: 'operator',
      actor: request.actor,
      message: `Ganti paket ${label} sekarang: prorata ${rupiah(proration.net)} pada tagihan periode ${state.nextPeriod}`,
      amount: proration.net,
    });
    wake();
    return { ...base, proration: { period: period.key, effectiveDate, ...proration }, appliesToPeriod: state.nextPeriod };
  }

  // ---- requests (updates, or signals + requestResult query) ----
  /**
   * The open invoice a promise is for and the promised instant; refuses a promise the policy does not allow with
   * the codes and Indonesian messages of `validatePromise`.
   */
  function validatePromiseRequest(request: PromiseToPayRequest): { invoice: InvoiceSnapshot; until: number } {
    const invoice = state.current;
    if (!isOpen(invoice)) throw ApplicationFailure.nonRetryable('Tidak ada tagihan terbuka untuk janji bayar', 'NO_OPEN_INVOICE');
    if (!request.actor?.userId || !request.reason) {
      throw ApplicationFailure.nonRetryable('Pelaku dan alasan wajib diisi', 'ACTOR_REQUIRED');
    }
    const validation = validatePromise({
      policy: state.policy,
      invoice: { dueDate: invoice.dueDate, total: invoice.total, balance: invoice.balance, status: invoice.status },
      existingPromises: invoice.promises,
      requestedUntil: request.until,
      now: now(),
      adminOverride: request.adminOverride,
    });
    if (!validation.ok) throw ApplicationFailure.nonRetryable(validation.message, validation.code);
    return { invoice, until: validation.until };
  }

  function acceptPromise(request: PromiseToPayRequest): PromiseToPayAccepted {
    const { invoice, until } = validatePromiseRequest(request);
    invoice.promises.push({ until, madeAt: now() });
    state.promise = { until, invoiceId: invoice.invoiceId };
    record({
      kind: 'promise_to_pay',
      trigger: 'operator',
      actor: request.actor,
      message: `Janji bayar sampai ${request.until}: ${request.reason}`,
      amount: invoice.balance,
    });
    inbox.push({ kind: 'promise', request });
    wake();
    return { invoiceId: invoice.invoiceId, until };
  }

  function validateChangePackage(request: ChangePackageRequest): void {
    if (state.cancellation) throw ApplicationFailure.nonRetryable('Langganan sudah dibatalkan', 'SUBSCRIPTION_CANCELLED');
    if (request.packageId === state.packageId && !state.scheduledPackageChange) {
      throw ApplicationFailure.nonRetryable('Paket baru sama dengan paket saat ini', 'SAME_PACKAGE');
    }
  }

  // ---- effects ----
  async function suspend(key: string, trigger: TimelineEntry['trigger'], detail: { trigger: string; actor?: Actor; reason?: string }) {
    await effects.enforceNetwork({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      action: 'suspend',
      idempotencyKey: `${ref.subscriptionId}:suspend:${key}`,
      at: now(),
      ...detail,
    });
    state.suspended = true;
    record({ kind: 'suspended', trigger, actor: detail.actor, message: `Layanan diisolir${detail.reason ? `: ${detail.reason}` : ''}` });
    publishSearchAttributes();
    await sendNotification('suspended', {}, `suspended:${key}`);
  }

  async function unsuspend(key: string, trigger: TimelineEntry['trigger'], action?: ManualAction) {
    await effects.enforceNetwork({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      action: 'unsuspend',
      idempotencyKey: `${ref.subscriptionId}:unsuspend:${key}`,
      trigger: action ? 'manual' : 'payment',
      actor: action?.actor,
      reason: action?.reason,
      at: now(),
    });
    state.suspended = false;
    record({ kind: 'unsuspended', trigger, actor: action?.actor, message: 'Layanan diaktifkan kembali' });
    publishSearchAttributes();
    await sendNotification('unsuspended', {}, `unsuspended:${key}`);
  }

  async function sendNotification(
    template: NotificationTemplate,
    vars: Record<string, string | number>,
    keySuffix: string,
    invoiceId?: string,
  ): Promise<void> {
    const invoice = state.current?.invoiceId === (invoiceId ?? state.current?.invoiceId) ? state.current : undefined;
    if (invoice?.notices.includes(keySuffix)) return;
    await effects.notify({
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
  }

  async function audit(name: string, action: ManualAction, detail: Record<string, unknown>): Promise<void> {
    await records.recordAudit({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      action: name,
      actor: action.actor,
      reason: action.reason,
      detail,
      idempotencyKey: effectKey(`audit:${name}`),
    });
  }

  // ---- small state rules ----
  function adoptPolicy(policy: SubscriptionCarriedState['policy']): void {
    const invoice = state.current;
    if (isOpen(invoice)) {
      invoice.completedStepIds = [...new Set([...invoice.completedStepIds, ...stepsAlreadyPast(policy, invoice, now())])];
    }
    state.policy = policy;
  }

  function expirePromise(): void {
    if (state.promise && state.promise.until <= now()) {
      record({ kind: 'promise_expired', trigger: 'schedule', message: 'Janji bayar lewat tanpa pelunasan; penagihan dilanjutkan' });
      state.promise = undefined;
    }
  }

  function noteOverdue(): void {
    const invoice = state.current;
    if (!state.overdueSince && isOpen(invoice) && now() >= overdueInstant(ref, invoice)) {
      state.overdueSince = overdueInstant(ref, invoice);
    }
  }

  /** `now`, or the end of the service period in progress: 00:00 WIB on the first day of the next one. */
  function cancellationInstant(request: CancelSubscriptionRequest): number {
    if (request.mode === 'now') return now();
    return jakartaInstant(nextPeriod(periodContaining(ref.billingDay, now())).start);
  }

  async function finishCancellation(cancellation: NonNullable<SubscriptionCarriedState['cancellation']>): Promise<SubscriptionWorkflowResult> {
    const invoice = state.current;
    if (isOpen(invoice) && billingPeriod(ref.billingDay, invoice.period).start >= jakartaDateOf(now())) {
      const system = { actor: { userId: 'system', name: 'Lunas' }, reason: 'Langganan dibatalkan sebelum periode dimulai' };
      await voidInvoice({ invoiceId: invoice.invoiceId, ...system });
    }
    if (!state.suspended) {
      await effects.enforceNetwork({
        tenantId: ref.tenantId,
        subscriptionId: ref.subscriptionId,
        action: 'suspend',
        idempotencyKey: `${ref.subscriptionId}:suspend:cancel`,
        trigger: 'cancel',
        at: now(),
      });
    }
    await records.cancelSubscription({
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      at: now(),
      actor: { userId: 'system', name: 'Lunas' },
      reason: `Pembatalan ${cancellation.mode === 'now' ? 'segera' : 'akhir periode'}`,
    });
    record({ kind: 'cancelled', trigger: 'system', message: 'Langganan berakhir' });
    publishSearchAttributes();
    await condition(allHandlersFinished);
    return { cancelledAt: now(), cycles: state.cycle + 1 };
  }

  function publishSearchAttributes(): void {
    const stage = stageOf(state, now());
    const invoiceNumber = state.current?.number;
    const signature = JSON.stringify([stage, state.suspended, state.overdueSince, invoiceNumber]);
    if (signature === lastSearchAttributes) return;
    lastSearchAttributes = signature;
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

function pick({ oldMonthlyAmount, newMonthlyAmount }: { oldMonthlyAmount: number; newMonthlyAmount: number }) {
  return { oldMonthlyAmount, newMonthlyAmount };
}
