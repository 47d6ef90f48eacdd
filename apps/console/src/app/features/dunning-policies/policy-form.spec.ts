import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { applyServerErrors, controlError } from '../../shared/forms/server-errors';
import type { PolicyDocument } from './dunning-policies.service';
import { actionForm, policyForm, policyFromForm, stepForm } from './policy-form';

const POLICY: PolicyDocument = {
  id: 'default',
  version: 2,
  name: 'Standar',
  stepTime: '09:00',
  sendWindow: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
  suspendOnlyInWorkingHours: false,
  promiseToPay: { maxDaysAhead: 7, maxPerInvoice: 1 },
  issueWhileSuspended: false,
  steps: [
    { id: 'invoice-issued', dayOffset: 0, actions: [{ type: 'notify', template: 'invoice_issued' }] },
    { id: 'reminder-2', dayOffset: 7, time: '10:00', actions: [{ type: 'notify', template: 'payment_reminder_2' }, { type: 'late_fee', fee: { kind: 'fixed', amount: 10_000 } }] },
    { id: 'suspend', dayOffset: 21, actions: [{ type: 'suspend' }] },
  ],
};

const fb = () => TestBed.inject(NonNullableFormBuilder);

describe(policyFromForm.name, () => {
  it('gives back the document it was built from, as the next version', () => {
    const form = policyForm(fb(), POLICY);

    expect(policyFromForm(form, 3)).toEqual({ ...POLICY, version: 3 });
  });

  it('keeps only the fields of each action kind (a percent fee carries basis points, a suspend nothing)', () => {
    const form = policyForm(fb(), POLICY);
    const fee = form.controls.steps.at(1).controls.actions.at(1).controls.fee;
    fee.patchValue({ kind: 'percent', basisPoints: 250 });
    form.controls.steps.push(stepForm(fb(), { id: 'extra', dayOffset: 25, actions: [] }));
    form.controls.steps.at(3).controls.actions.push(actionForm(fb(), { type: 'suspend_warning', template: 'suspend_warning' }));

    const policy = policyFromForm(form, 3);

    expect(policy.steps[1].actions[1]).toEqual({ type: 'late_fee', fee: { kind: 'percent', basisPoints: 250 } });
    expect(policy.steps[2].actions[0]).toEqual({ type: 'suspend' });
    expect(policy.steps[3]).toEqual({ id: 'extra', dayOffset: 25, actions: [{ type: 'suspend_warning', template: 'suspend_warning' }] });
  });

  it("receives the domain validator's errors on the step and action fields they name", () => {
    const form = policyForm(fb(), POLICY);
    const refused = new HttpErrorResponse({
      status: 400,
      error: {
        status: 400,
        detail: 'Kebijakan tidak valid',
        errors: [
          { field: 'policy.steps[2].dayOffset', message: 'Langkah ke-3: offset hari harus lebih besar dari langkah sebelumnya' },
          { field: 'policy.steps[1].actions[1].fee.amount', message: 'Langkah ke-2, aksi ke-2: nominal denda harus bilangan bulat rupiah lebih dari 0' },
        ],
      },
    });

    expect(applyServerErrors(form, refused, 'policy.')).toBeNull();
    expect(controlError(form.controls.steps.at(2).controls.dayOffset)).toContain('offset hari');
    expect(controlError(form.controls.steps.at(1).controls.actions.at(1).controls.fee.controls.amount)).toContain('nominal denda');
  });
});
