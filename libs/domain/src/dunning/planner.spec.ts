import { DomainError } from '../errors';
import type { DunningInvoice } from './invoice';
import { type DunningDecision, type PlanInput, planNextStep, previewPlan, shouldIssueInvoice } from './planner';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy } from './policy';
import { wib, wibText } from './wib.spec-helper';

// Calendar, March 2026 (WIB): the invoice is due Monday 2 March (T+0).
//   T+0 Mon 02 · T+3 Thu 05 · T+7 Mon 09 · T+13 Sun 15 · T+14 Mon 16 · T+18 Fri 20 · T+19 Sat 21
//   T+20 Sun 22 · T+21 Mon 23
// Package Rp 150.000 + PPN 11 % = Rp 166.500.
const invoice: DunningInvoice = { dueDate: '2026-03-02', total: 166_500, balance: 166_500, status: 'open' };
const ISSUED_AT = wib('2026-03-01 06:00'); // prepaid: issued H-1 06:00 WIB

function plan(overrides: Partial<PlanInput> = {}): DunningDecision {
  return planNextStep({ policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds: [], now: ISSUED_AT, ...overrides });
}

/** A decision as one readable line, e.g. `reminder-1 @ Thu 2026-03-05 09:00`. */
function describeDecision(decision: DunningDecision): string {
  switch (decision.kind) {
    case 'step':
      return `${decision.stepIds.join('+')} @ ${wibText(decision.at)}`;
    case 'wait-promise':
      return `wait-promise until ${wibText(decision.until)}`;
    case 'done':
      return `done: ${decision.reason}`;
    case 'paused':
      return 'paused';
  }
}

function withPolicy(change: (policy: DunningPolicy) => void): DunningPolicy {
  const policy: DunningPolicy = JSON.parse(JSON.stringify(DEFAULT_DUNNING_POLICY));
  change(policy);
  return policy;
}

/** The runs of a preview, one line each: `reminder-1+reminder-2 @ Tue 2026-03-10 08:00`. */
function describeRuns(input: PlanInput): string[] {
  return previewPlan(input).map((run) => `${run.stepIds.join('+')} @ ${wibText(run.at)}`);
}

function stepOf(decision: DunningDecision) {
  if (decision.kind !== 'step') throw new Error(`expected a step, got ${describeDecision(decision)}`);
  return decision;
}

describe(planNextStep.name, () => {
  describe('ladder', () => {
    it('walks T+0, T+3, T+7, T+14 and T+21 at 09:00 WIB when nothing is paid', () => {
      const walked: string[] = [];
      let completedStepIds: string[] = [];
      let now = ISSUED_AT;
      for (let decision = plan(); decision.kind === 'step'; decision = plan({ completedStepIds, now })) {
        walked.push(describeDecision(decision));
        completedStepIds = [...completedStepIds, ...decision.stepIds];
        now = decision.at;
      }
      expect(walked).toEqual([
        'invoice-issued @ Mon 2026-03-02 09:00',
        'reminder-1 @ Thu 2026-03-05 09:00',
        'reminder-2 @ Mon 2026-03-09 09:00',
        'suspend-warning @ Mon 2026-03-16 09:00',
        'suspend @ Mon 2026-03-23 09:00',
      ]);
      expect(describeDecision(plan({ completedStepIds, now }))).toBe('done: completed');
    });

    it('adds the late fee with reminder 2 on T+7', () => {
      const decision = stepOf(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], now: wib('2026-03-05 09:00') }));
      expect(decision.actions).toEqual([
        { type: 'notify', template: 'payment_reminder_2' },
        { type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } },
      ]);
    });

    it('does not suspend on T+20 and suspends on T+21 at 09:00', () => {
      const completedStepIds = ['invoice-issued', 'reminder-1', 'reminder-2', 'suspend-warning'];
      const lateOnT20 = wib('2026-03-22 23:59:59');
      const onT20 = stepOf(plan({ completedStepIds, now: lateOnT20 }));
      expect(onT20.at).toBeGreaterThan(lateOnT20);
      expect(wibText(onT20.at)).toBe('Mon 2026-03-23 09:00');
      expect(onT20.actions).toEqual([{ type: 'suspend' }]);

      const onT21 = stepOf(plan({ completedStepIds, now: wib('2026-03-23 09:00') }));
      expect(onT21.at).toBe(wib('2026-03-23 09:00'));
    });

    it('runs a step that is already due right away, without skipping it', () => {
      const decision = stepOf(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], now: wib('2026-03-10 11:30') }));
      expect(describeDecision(decision)).toBe('reminder-2 @ Tue 2026-03-10 11:30');
      expect(wibText(decision.scheduledAt)).toBe('Mon 2026-03-09 09:00');
    });

    it('never repeats completed steps', () => {
      const completedStepIds = ['invoice-issued', 'reminder-1', 'reminder-2'];
      expect(describeDecision(plan({ completedStepIds }))).toBe('suspend-warning @ Mon 2026-03-16 09:00');
      expect(describeDecision(plan({ completedStepIds: DEFAULT_DUNNING_POLICY.steps.map((step) => step.id) }))).toBe(
        'done: completed',
      );
    });

    it('supports a step before the due date (H-1)', () => {
      const policy = withPolicy((draft) =>
        draft.steps.unshift({ id: 'h-1', dayOffset: -1, time: '10:00', actions: [{ type: 'notify', template: 'due_tomorrow' }] }),
      );
      // Due Tue 3 March: H-1 is Monday 2 March.
      expect(describeDecision(plan({ policy, invoice: { ...invoice, dueDate: '2026-03-03' } }))).toBe('h-1 @ Mon 2026-03-02 10:00');
    });

    it('rejects a due date that is not a calendar date', () => {
      expect(() => plan({ invoice: { ...invoice, dueDate: '2026-02-30' } })).toThrow(DomainError);
    });
  });

  describe('send window', () => {
    it('sends a step scheduled at 02:00 WIB at 08:00', () => {
      const policy = withPolicy((draft) => (draft.stepTime = '02:00'));
      const decision = stepOf(plan({ policy, completedStepIds: ['invoice-issued'] }));
      expect(wibText(decision.scheduledAt)).toBe('Thu 2026-03-05 02:00');
      expect(wibText(decision.at)).toBe('Thu 2026-03-05 08:00');
    });

    it('moves a reminder that falls on Sunday to Monday 08:00', () => {
      // Due Thu 5 March: T+3 is Sunday 8 March.
      const decision = plan({ invoice: { ...invoice, dueDate: '2026-03-05' }, completedStepIds: ['invoice-issued'] });
      expect(describeDecision(decision)).toBe('reminder-1 @ Mon 2026-03-09 08:00');
    });

    it('sends a Saturday 19:59 step on Saturday and moves a Saturday 20:00 step to Monday 08:00', () => {
      // Due Wed 4 March: T+3 is Saturday 7 March.
      const saturdayAt = (time: string) =>
        plan({
          policy: withPolicy((draft) => (draft.steps[1].time = time)),
          invoice: { ...invoice, dueDate: '2026-03-04' },
          completedStepIds: ['invoice-issued'],
        });
      expect(describeDecision(saturdayAt('19:59'))).toBe('reminder-1 @ Sat 2026-03-07 19:59');
      expect(describeDecision(saturdayAt('20:00'))).toBe('reminder-1 @ Mon 2026-03-09 08:00');
    });

    it('suspends on a Sunday by default, and on Monday 08:00 when limited to working hours', () => {
      // Due Sun 1 March: T+21 is Sunday 22 March.
      const sundayDue = { ...invoice, dueDate: '2026-03-01' };
      const completedStepIds = ['invoice-issued', 'reminder-1', 'reminder-2', 'suspend-warning'];
      expect(describeDecision(plan({ invoice: sundayDue, completedStepIds }))).toBe('suspend @ Sun 2026-03-22 09:00');
      const workingHours = withPolicy((draft) => (draft.suspendOnlyInWorkingHours = true));
      expect(describeDecision(plan({ policy: workingHours, invoice: sundayDue, completedStepIds }))).toBe(
        'suspend @ Mon 2026-03-23 08:00',
      );
    });

    it('runs a fee-only step at its time even outside the window', () => {
      const policy = withPolicy((draft) => {
        draft.steps[2] = { id: 'fee', dayOffset: 6, time: '23:00', actions: [{ type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } }] };
      });
      expect(describeDecision(plan({ policy, completedStepIds: ['invoice-issued', 'reminder-1'] }))).toBe(
        'fee @ Sun 2026-03-08 23:00',
      );
    });
  });

  describe('payments and operator state', () => {
    it('is done when the invoice is paid in full', () => {
      expect(describeDecision(plan({ invoice: { ...invoice, status: 'paid', balance: 0 } }))).toBe('done: paid');
      expect(describeDecision(plan({ invoice: { ...invoice, balance: 0 } }))).toBe('done: paid');
    });

    it('is done when the invoice is void', () => {
      expect(describeDecision(plan({ invoice: { ...invoice, status: 'void' } }))).toBe('done: void');
    });

    it('continues on the balance after a partial payment', () => {
      // Rp 100.000 paid on T+5: Rp 66.500 left, reminder 2 and the fee still come on T+7.
      const partlyPaid = { ...invoice, balance: 66_500 };
      const now = wib('2026-03-07 14:00');
      const completedStepIds = ['invoice-issued', 'reminder-1'];
      const decision = stepOf(plan({ invoice: partlyPaid, completedStepIds, now }));
      expect(describeDecision(decision)).toBe('reminder-2 @ Mon 2026-03-09 09:00');
      expect(decision).toEqual(plan({ completedStepIds, now }));
    });

    it('schedules nothing while paused, but a paid invoice is still done', () => {
      expect(describeDecision(plan({ paused: true, now: wib('2026-03-20 10:00') }))).toBe('paused');
      expect(describeDecision(plan({ paused: true, invoice: { ...invoice, status: 'paid', balance: 0 } }))).toBe('done: paid');
    });

    it('charges the late fee once: a fee already charged or waived is dropped', () => {
      const decision = stepOf(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], lateFeeCharged: true }));
      expect(decision.actions).toEqual([{ type: 'notify', template: 'payment_reminder_2' }]);
    });

    it('skips warning and suspension when the subscription is already suspended', () => {
      const completedStepIds = ['invoice-issued', 'reminder-1', 'reminder-2'];
      expect(describeDecision(plan({ completedStepIds, suspended: true }))).toBe('done: completed');
    });
  });

  describe('overdue steps', () => {
    it('coalesces steps missed during a pause into one run with only the latest reminder', () => {
      // Paused on T+1, resumed on Tue 10 March 02:00: reminder 1 (T+3) and reminder 2 + fee (T+7) are overdue.
      const decision = stepOf(plan({ completedStepIds: ['invoice-issued'], now: wib('2026-03-10 02:00') }));
      expect(describeDecision(decision)).toBe('reminder-1+reminder-2 @ Tue 2026-03-10 08:00');
      expect(decision.step.id).toBe('reminder-2');
      expect(decision.actions).toEqual([
        { type: 'notify', template: 'payment_reminder_2' },
        { type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } },
      ]);
    });

    it('takes in a step that falls due while the previous one waits for the window, keeping their order', () => {
      // A reminder on Sunday 09:00 waits until Monday 08:00; the fee at Monday 07:00 is due by then.
      const policy = withPolicy((draft) => {
        draft.steps[1] = { id: 'sunday-reminder', dayOffset: 6, actions: [{ type: 'notify', template: 'payment_reminder_1' }] };
        draft.steps[2] = { id: 'fee', dayOffset: 7, time: '07:00', actions: [{ type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } }] };
      });
      const decision = stepOf(plan({ policy, completedStepIds: ['invoice-issued'] }));
      expect(describeDecision(decision)).toBe('sunday-reminder+fee @ Mon 2026-03-09 08:00');
      expect(decision.actions.map((action) => action.type)).toEqual(['notify', 'late_fee']);
    });
  });

  describe('promise to pay', () => {
    // Promise made on T+13 (Sun 15 March) to pay by T+18 (Fri 20 March): it expires when that day is over.
    const PROMISE_EXPIRES = wib('2026-03-21 00:00');
    const promise = { until: PROMISE_EXPIRES };
    const afterReminder2 = ['invoice-issued', 'reminder-1', 'reminder-2'];

    it('holds the T+14 warning until the promised day T+18 is over', () => {
      expect(describeDecision(plan({ completedStepIds: afterReminder2, promise, now: wib('2026-03-15 10:00') }))).toBe(
        'wait-promise until Sat 2026-03-21 00:00',
      );
      expect(describeDecision(plan({ completedStepIds: afterReminder2, promise, now: wib('2026-03-20 12:00') }))).toBe(
        'wait-promise until Sat 2026-03-21 00:00',
      );
    });

    it('plans the warning for after the expiry once the next send-window opening lies beyond it', () => {
      // Fri 20 March 23:59: the window reopens Sat 08:00, after the promise has expired.
      expect(describeDecision(plan({ completedStepIds: afterReminder2, promise, now: wib('2026-03-20 23:59') }))).toBe(
        'suspend-warning @ Sat 2026-03-21 08:00',
      );
    });

    it('resumes with the held warning at the next opening (T+19 08:00), then suspends on T+21 when still unpaid', () => {
      const resumed = stepOf(plan({ completedStepIds: afterReminder2, promise, now: PROMISE_EXPIRES }));
      expect(describeDecision(resumed)).toBe('suspend-warning @ Sat 2026-03-21 08:00');
      const next = plan({ completedStepIds: [...afterReminder2, 'suspend-warning'], promise, now: resumed.at });
      expect(describeDecision(next)).toBe('suspend @ Mon 2026-03-23 09:00');
    });

    it('is done when the promise is kept on T+17', () => {
      const paid = { ...invoice, status: 'paid' as const, balance: 0 };
      expect(describeDecision(plan({ invoice: paid, completedStepIds: afterReminder2, promise, now: wib('2026-03-19 15:00') }))).toBe(
        'done: paid',
      );
    });

    it('still sends plain reminders before the held step, then holds reminder 2 with its fee', () => {
      // Promise made on T+1 to pay by T+8 (Tue 10 March).
      const early = { until: wib('2026-03-11 00:00') };
      const now = wib('2026-03-03 10:00');
      expect(describeDecision(plan({ completedStepIds: ['invoice-issued'], promise: early, now }))).toBe(
        'reminder-1 @ Thu 2026-03-05 09:00',
      );
      expect(describeDecision(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], promise: early, now }))).toBe(
        'wait-promise until Wed 2026-03-11 00:00',
      );
      expect(
        describeDecision(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], promise: early, now: early.until })),
      ).toBe('reminder-2 @ Wed 2026-03-11 08:00');
    });

    it('changes nothing when the promise ends before the next step', () => {
      const short = { until: wib('2026-03-07 00:00') };
      expect(
        describeDecision(plan({ completedStepIds: ['invoice-issued', 'reminder-1'], promise: short, now: wib('2026-03-05 10:00') })),
      ).toBe('reminder-2 @ Mon 2026-03-09 09:00');
    });
  });

  describe('catch-up after the workflow did not run (rule 7)', () => {
    // The worker went down on T+0 at 10:00, after the T+0 notice, and ran again on T+25, Friday 27 March 10:00.
    const RESTART = wib('2026-03-27 10:00');
    const catchUp = { at: RESTART };
    const afterIssue = ['invoice-issued'];

    it('re-plans from the restart: one run with the fee and the warning as the only message, reminders skipped', () => {
      const decision = stepOf(plan({ completedStepIds: afterIssue, catchUp, now: RESTART }));
      expect(describeDecision(decision)).toBe('reminder-1+reminder-2+suspend-warning @ Fri 2026-03-27 10:00');
      expect(decision.actions).toEqual([
        { type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } },
        { type: 'suspend_warning', template: 'suspend_warning' },
      ]);
      expect(decision.skippedNotices).toEqual(['payment_reminder_1', 'payment_reminder_2']);
    });

    it('without the catch-up, coalesces everything into one burst (what rule 7 prevents)', () => {
      const decision = stepOf(plan({ completedStepIds: afterIssue, now: RESTART }));
      expect(decision.actions.map((action) => action.type)).toEqual(['notify', 'late_fee', 'suspend_warning', 'suspend']);
    });

    it('gives the warning its full 7 days: isolir on Fri 3 April 10:00, not a minute earlier', () => {
      const completedStepIds = [...afterIssue, 'reminder-1', 'reminder-2', 'suspend-warning'];
      const warned = { at: RESTART, warnedAt: RESTART };
      const dayBefore = stepOf(plan({ completedStepIds, catchUp: warned, now: wib('2026-04-03 09:59') }));
      expect(describeDecision(dayBefore)).toBe('suspend @ Fri 2026-04-03 10:00');
      expect(dayBefore.actions).toEqual([{ type: 'suspend' }]);
      expect(stepOf(plan({ completedStepIds, catchUp: warned, now: wib('2026-04-03 10:00') })).at).toBe(wib('2026-04-03 10:00'));
    });

    it('shows the whole re-planned calendar in the preview', () => {
      expect(describeRuns({ policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds: afterIssue, catchUp, now: RESTART })).toEqual(['reminder-1+reminder-2+suspend-warning @ Fri 2026-03-27 10:00', 'suspend @ Fri 2026-04-03 10:00']);
    });

    it('waits for the send window on a Sunday restart and counts the notice period from the warning', () => {
      const sunday = wib('2026-03-29 10:00');
      const lines = describeRuns({ policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds: afterIssue, catchUp: { at: sunday }, now: sunday });
      expect(lines).toEqual(['reminder-1+reminder-2+suspend-warning @ Mon 2026-03-30 08:00', 'suspend @ Mon 2026-04-06 08:00']);
    });

    it('defers an isolir still ahead when its warning was missed: warned T+21 08:00, isolir a week later, not at 09:00', () => {
      const completedStepIds = [...afterIssue, 'reminder-1', 'reminder-2'];
      const restart = wib('2026-03-22 10:00'); // Sunday T+20: the warning goes out Monday 08:00, before the 09:00 isolir
      const lines = describeRuns({ policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds, catchUp: { at: restart }, now: restart });
      expect(lines).toEqual(['suspend-warning @ Mon 2026-03-23 08:00', 'suspend @ Mon 2026-03-30 08:00']);
    });

    it('suspends at the restart when the warning went out before the outage (its notice period has passed)', () => {
      const completedStepIds = [...afterIssue, 'reminder-1', 'reminder-2', 'suspend-warning'];
      const decision = stepOf(plan({ completedStepIds, catchUp, now: RESTART }));
      expect(describeDecision(decision)).toBe('suspend @ Fri 2026-03-27 10:00');
    });

    it('keeps the ladder when the restart comes before the warning: latest reminder now, the rest on their days', () => {
      const restart = wib('2026-03-12 10:00'); // Thursday T+10
      const input: PlanInput = { policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds: afterIssue, catchUp: { at: restart }, now: restart };
      const runs = previewPlan(input);
      expect(describeRuns(input)).toEqual([
        'reminder-1+reminder-2 @ Thu 2026-03-12 10:00',
        'suspend-warning @ Mon 2026-03-16 09:00',
        'suspend @ Mon 2026-03-23 09:00',
      ]);
      expect(runs[0].actions.map((action) => action.type)).toEqual(['notify', 'late_fee']);
      expect(runs[0].skippedNotices).toEqual(['payment_reminder_1']);
    });

    it('charges one late fee when several fee steps were missed', () => {
      const policy = withPolicy((draft) => {
        draft.steps[1].actions.push({ type: 'late_fee', fee: { kind: 'percent', basisPoints: 200 } });
      });
      const decision = stepOf(plan({ policy, completedStepIds: afterIssue, catchUp, now: RESTART }));
      expect(decision.actions.filter((action) => action.type === 'late_fee')).toEqual([
        { type: 'late_fee', fee: { kind: 'percent', basisPoints: 200 } },
      ]);
    });
  });
});

describe(previewPlan.name, () => {
  const base: PlanInput = { policy: DEFAULT_DUNNING_POLICY, invoice, completedStepIds: [], now: ISSUED_AT };
  const lines = (input: PlanInput, horizon?: number) =>
    previewPlan(input, horizon).map((run) => `${run.stepIds.join('+')} @ ${wibText(run.at)}`);

  it('lists the whole default ladder from the issue time', () => {
    expect(lines(base)).toEqual([
      'invoice-issued @ Mon 2026-03-02 09:00',
      'reminder-1 @ Thu 2026-03-05 09:00',
      'reminder-2 @ Mon 2026-03-09 09:00',
      'suspend-warning @ Mon 2026-03-16 09:00',
      'suspend @ Mon 2026-03-23 09:00',
    ]);
  });

  it('stops at the horizon (inclusive)', () => {
    expect(lines(base, wib('2026-03-09 09:00'))).toEqual([
      'invoice-issued @ Mon 2026-03-02 09:00',
      'reminder-1 @ Thu 2026-03-05 09:00',
      'reminder-2 @ Mon 2026-03-09 09:00',
    ]);
  });

  it('shows what a subscription mid-ladder would go through under a stricter policy', () => {
    // On Fri 6 March (T+4), after the issue notice and reminder 1 of the default policy.
    const strict: DunningPolicy = {
      ...DEFAULT_DUNNING_POLICY,
      id: 'ketat',
      version: 3,
      suspendOnlyInWorkingHours: true,
      steps: [
        { id: 'invoice-issued', dayOffset: 0, actions: [{ type: 'notify', template: 'invoice_issued' }] },
        {
          id: 'late-notice',
          dayOffset: 2,
          actions: [
            { type: 'notify', template: 'payment_reminder_2' },
            { type: 'late_fee', fee: { kind: 'percent', basisPoints: 200 } },
          ],
        },
        { id: 'warning', dayOffset: 5, time: '19:00', actions: [{ type: 'suspend_warning', template: 'suspend_warning' }] },
        { id: 'suspend', dayOffset: 6, time: '07:00', actions: [{ type: 'suspend' }] },
      ],
    };
    const input = { ...base, policy: strict, completedStepIds: ['invoice-issued', 'reminder-1'], now: wib('2026-03-06 10:00') };
    expect(lines(input)).toEqual([
      'late-notice @ Fri 2026-03-06 10:00',
      'warning @ Sat 2026-03-07 19:00',
      'suspend @ Mon 2026-03-09 08:00', // Sunday 07:00 is outside working hours
    ]);
  });

  it('assumes a promise is broken and shows the held steps after it', () => {
    const input = {
      ...base,
      completedStepIds: ['invoice-issued', 'reminder-1', 'reminder-2'],
      promise: { until: wib('2026-03-21 00:00') },
      now: wib('2026-03-15 10:00'),
    };
    expect(lines(input)).toEqual(['suspend-warning @ Sat 2026-03-21 08:00', 'suspend @ Mon 2026-03-23 09:00']);
  });

  it('leaves out what is already done: a charged fee and an existing suspension', () => {
    const input = { ...base, completedStepIds: ['invoice-issued', 'reminder-1'], lateFeeCharged: true, suspended: true };
    expect(previewPlan(input).map((run) => [run.step.id, run.actions])).toEqual([
      ['reminder-2', [{ type: 'notify', template: 'payment_reminder_2' }]],
    ]);
  });

  it('is empty for a paid invoice and does not change its input', () => {
    expect(previewPlan({ ...base, invoice: { ...invoice, status: 'paid', balance: 0 } })).toEqual([]);
    const input = { ...base, completedStepIds: ['invoice-issued'] };
    const before = JSON.stringify(input);
    previewPlan(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe(shouldIssueInvoice.name, () => {
  it('stops issuing while suspended by default (isolir stops billing)', () => {
    expect(shouldIssueInvoice(DEFAULT_DUNNING_POLICY, false)).toBe(true);
    expect(shouldIssueInvoice(DEFAULT_DUNNING_POLICY, true)).toBe(false);
  });

  it('keeps issuing while suspended when the policy says so', () => {
    expect(shouldIssueInvoice({ ...DEFAULT_DUNNING_POLICY, issueWhileSuspended: true }, true)).toBe(true);
  });
});
