import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { applyServerErrors, controlError } from '../../shared/forms/server-errors';
import { DUNNING_ACTION_LABELS } from '../../shared/labels/status-labels';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { DunningPoliciesService, LadderAction, PolicyApplyMode, PolicyDocument, PolicyVersion, PublishedPolicy } from './dunning-policies.service';
import { actionForm, policyForm, PolicyForm, policyFromForm, stepForm } from './policy-form';

const WEEKDAYS = [
  { value: 1, label: 'Sen' }, { value: 2, label: 'Sel' }, { value: 3, label: 'Rab' }, { value: 4, label: 'Kam' },
  { value: 5, label: 'Jum' }, { value: 6, label: 'Sab' }, { value: 7, label: 'Min' },
];

/** A ladder to start from when the mitra has no version yet: the invoice notice on the due date. */
const FIRST_POLICY: PolicyDocument = {
  id: 'kebijakan-mitra',
  version: 0,
  name: 'Kebijakan penagihan',
  stepTime: '09:00',
  sendWindow: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
  suspendOnlyInWorkingHours: false,
  promiseToPay: { maxDaysAhead: 7, maxPerInvoice: 1 },
  issueWhileSuspended: false,
  steps: [{ id: 'invoice-issued', dayOffset: 0, actions: [{ type: 'notify', template: 'invoice_issued' }] }],
};

/**
 * Kebijakan Penagihan: the versions of the mitra's dunning policy, and the ladder editor for the next version. The
 * API validates with the domain's validator and answers each error on its field; publishing shows first how many
 * subscriptions will move to the new version and when.
 */
@Component({
  selector: 'lunas-policy-editor-page',
  imports: [
    DatePipe, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatRadioModule, MatButtonModule,
  ],
  templateUrl: './policy-editor.page.html',
  styleUrl: './policy-editor.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyEditorPageComponent implements OnInit {
  private readonly policies = inject(DunningPoliciesService);
  private readonly subscriptions = inject(SubscriptionsService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly weekdays = WEEKDAYS;
  protected readonly actionTypes = Object.entries(DUNNING_ACTION_LABELS);
  protected readonly error = controlError;
  protected readonly versions = signal<PolicyVersion[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly form = signal<PolicyForm | null>(null);
  protected readonly mode = signal<PolicyApplyMode>('next_cycle');
  /** Subscriptions that will move to the new version (the active ones of the mitra). */
  protected readonly moving = signal<number | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly publishing = signal(false);
  protected readonly published = signal<PublishedPolicy | null>(null);
  protected readonly nextVersion = computed(() => Math.max(0, ...(this.versions() ?? []).map((v) => v.version)) + 1);

  ngOnInit(): void {
    this.load();
    this.subscriptions
      .list({ page: 1, pageSize: 1, sort: null, q: null, filters: { status: 'active' } })
      .pipe(map((page) => page.total))
      .subscribe({ next: (total) => this.moving.set(total), error: () => this.moving.set(null) });
  }

  protected load(): void {
    this.policies.list().subscribe({
      next: (versions) => {
        this.versions.set(versions);
        const base = versions.find((version) => version.active) ?? versions[0];
        this.form.set(policyForm(this.fb, base?.body ?? FIRST_POLICY));
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected addStep(form: PolicyForm): void {
    const steps = form.controls.steps;
    const last = steps.at(steps.length - 1)?.getRawValue();
    steps.push(stepForm(this.fb, { id: `langkah-${steps.length + 1}`, dayOffset: (last?.dayOffset ?? 0) + 7, actions: [{ type: 'notify', template: '' }] }));
  }

  protected removeStep(form: PolicyForm, index: number): void {
    form.controls.steps.removeAt(index);
  }

  protected addAction(form: PolicyForm, stepIndex: number): void {
    const action: LadderAction = { type: 'notify', template: '' };
    form.controls.steps.at(stepIndex).controls.actions.push(actionForm(this.fb, action));
  }

  protected removeAction(form: PolicyForm, stepIndex: number, actionIndex: number): void {
    form.controls.steps.at(stepIndex).controls.actions.removeAt(actionIndex);
  }

  protected toggleDay(form: PolicyForm, day: number, checked: boolean): void {
    const days = form.controls.sendWindow.controls.days;
    days.setValue(checked ? [...days.value, day] : days.value.filter((d) => d !== day));
  }

  protected publish(form: PolicyForm): void {
    form.markAllAsTouched();
    if (form.invalid) {
      this.formError.set('Periksa isian yang ditandai merah.');
      return;
    }
    this.publishing.set(true);
    this.formError.set(null);
    this.policies.publish(policyFromForm(form, this.nextVersion()), this.mode()).subscribe({
      next: (published) => {
        this.publishing.set(false);
        this.published.set(published);
        this.load();
      },
      error: (error: unknown) => {
        this.publishing.set(false);
        this.formError.set(applyServerErrors(form, error, 'policy.') ?? 'Periksa isian yang ditandai merah.');
      },
    });
  }
}
