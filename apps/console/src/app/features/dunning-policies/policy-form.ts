import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, Validators } from '@angular/forms';
import type { LadderAction, LadderStep, PolicyDocument } from './dunning-policies.service';

/** `HH:mm`, 24 h. */
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type ActionForm = FormGroup<{
  type: FormControl<LadderAction['type']>;
  template: FormControl<string>;
  fee: FormGroup<{ kind: FormControl<'fixed' | 'percent'>; amount: FormControl<number>; basisPoints: FormControl<number> }>;
}>;

export type StepForm = FormGroup<{
  id: FormControl<string>;
  dayOffset: FormControl<number>;
  time: FormControl<string>;
  actions: FormArray<ActionForm>;
}>;

export type PolicyForm = ReturnType<typeof policyForm>;

/**
 * The ladder editor's form, shaped like the policy document so that the API's field errors (`steps[2].dayOffset`,
 * `steps[3].actions[0].fee.amount`) land on the control of that name. The domain's validator on the server is the
 * judge; the form only checks what is plainly missing.
 */
export function policyForm(fb: NonNullableFormBuilder, policy: PolicyDocument) {
  return fb.group({
    id: [policy.id],
    version: [policy.version],
    name: [policy.name, Validators.required],
    stepTime: [policy.stepTime, [Validators.required, Validators.pattern(WALL_TIME)]],
    sendWindow: fb.group({
      days: [policy.sendWindow.days],
      start: [policy.sendWindow.start, [Validators.required, Validators.pattern(WALL_TIME)]],
      end: [policy.sendWindow.end, [Validators.required, Validators.pattern(WALL_TIME)]],
    }),
    suspendOnlyInWorkingHours: [policy.suspendOnlyInWorkingHours],
    promiseToPay: fb.group({
      maxDaysAhead: [policy.promiseToPay.maxDaysAhead, [Validators.required, Validators.min(0)]],
      maxPerInvoice: [policy.promiseToPay.maxPerInvoice, [Validators.required, Validators.min(0)]],
    }),
    issueWhileSuspended: [policy.issueWhileSuspended],
    steps: fb.array(policy.steps.map((step) => stepForm(fb, step))),
  });
}

export function stepForm(fb: NonNullableFormBuilder, step: LadderStep): StepForm {
  return fb.group({
    id: [step.id, Validators.required],
    dayOffset: [step.dayOffset, Validators.required],
    time: [step.time ?? '', Validators.pattern(WALL_TIME)],
    actions: fb.array(step.actions.map((action) => actionForm(fb, action))),
  });
}

export function actionForm(fb: NonNullableFormBuilder, action: LadderAction): ActionForm {
  const fee = action.type === 'late_fee' ? action.fee : null;
  return fb.group({
    type: [action.type],
    template: ['template' in action ? action.template : ''],
    fee: fb.group({
      kind: [fee?.kind ?? ('fixed' as 'fixed' | 'percent')],
      amount: [fee?.kind === 'fixed' ? fee.amount : 10_000],
      basisPoints: [fee?.kind === 'percent' ? fee.basisPoints : 200],
    }),
  });
}

/** The policy document from the form, as the API validates it: each action with exactly its own fields. */
export function policyFromForm(form: PolicyForm, nextVersion: number): PolicyDocument {
  const value = form.getRawValue();
  return {
    id: value.id,
    version: nextVersion,
    name: value.name.trim(),
    stepTime: value.stepTime,
    sendWindow: { days: [...value.sendWindow.days].sort((a, b) => a - b), start: value.sendWindow.start, end: value.sendWindow.end },
    suspendOnlyInWorkingHours: value.suspendOnlyInWorkingHours,
    promiseToPay: { maxDaysAhead: Number(value.promiseToPay.maxDaysAhead), maxPerInvoice: Number(value.promiseToPay.maxPerInvoice) },
    issueWhileSuspended: value.issueWhileSuspended,
    steps: value.steps.map((step) => ({
      id: step.id.trim(),
      dayOffset: Number(step.dayOffset),
      ...(step.time ? { time: step.time } : {}),
      actions: step.actions.map((action): LadderAction => {
        switch (action.type) {
          case 'notify':
          case 'suspend_warning':
            return { type: action.type, template: action.template.trim() };
          case 'late_fee':
            return {
              type: 'late_fee',
              fee: action.fee.kind === 'fixed' ? { kind: 'fixed', amount: Number(action.fee.amount) } : { kind: 'percent', basisPoints: Number(action.fee.basisPoints) },
            };
          case 'suspend':
            return { type: 'suspend' };
        }
      }),
    })),
  };
}
