import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { catchError, of } from 'rxjs';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { dunningActionsText } from '../../shared/labels/status-labels';
import { DunningPoliciesService, PolicyVersion } from '../dunning-policies/dunning-policies.service';
import { PolicyPreview, SubscriptionsService } from './subscriptions.service';

/** What-if: the ladder this subscription would walk from now under another version of the dunning policy (no side effects). */
@Component({
  selector: 'lunas-policy-preview',
  imports: [DatePipe, MatFormFieldModule, MatSelectModule, MatButtonModule],
  template: `
    <section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Bagaimana jika kebijakan lain?</h2>
      <p class="muted">Pilih versi kebijakan penagihan untuk melihat langkah yang akan dijalani langganan ini mulai sekarang. Tidak ada yang berubah.</p>
      @if (versions(); as versions) {
        @if (versions.length === 0) {
          <p class="muted">Belum ada versi kebijakan lain. Buat di menu Kebijakan Penagihan.</p>
        } @else {
          <div class="list-toolbar">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Versi kebijakan</mat-label>
              <mat-select [value]="chosen()" (selectionChange)="chosen.set($event.value)">
                @for (version of versions; track version.id) {
                  <mat-option [value]="version">v{{ version.version }} · {{ version.body.name }}{{ version.active ? ' (aktif)' : '' }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button mat-stroked-button type="button" [disabled]="!chosen() || loading()" (click)="preview()">Lihat pratinjau</button>
          </div>
        }
      } @else if (versionsError(); as message) {
        <p class="error-text" role="alert">Versi kebijakan tidak dapat dimuat. {{ message }}</p>
      }
      @if (error(); as message) {
        <p class="error-text" role="alert">{{ message }}</p>
      }
      @if (result(); as result) {
        @if (result.steps.length === 0) {
          <p>Dengan kebijakan v{{ result.policyVersion }} tidak ada langkah penagihan lagi untuk tagihan berjalan.</p>
        } @else {
          <ol class="preview-steps">
            @for (step of result.steps; track step.at) {
              <li><strong>{{ step.at | date: 'EEEE, d MMM y HH:mm' }}</strong> — {{ actionsText(step.actions) }} <span class="muted">({{ step.stepIds.join(', ') }})</span></li>
            }
          </ol>
        }
      }
    </section>
  `,
  styles: `.preview-steps { margin: 0; padding-left: 1.25rem; } .preview-steps li { margin: 0.3rem 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyPreviewComponent {
  private readonly subscriptions = inject(SubscriptionsService);

  readonly subscriptionId = input.required<string>();

  protected readonly versionsError = signal<string | null>(null);
  protected readonly versions = toSignal(
    inject(DunningPoliciesService).list().pipe(
      catchError((error: unknown) => {
        this.versionsError.set(apiErrorMessage(error));
        return of(null);
      }),
    ),
  );
  protected readonly actionsText = dunningActionsText;
  protected readonly chosen = signal<PolicyVersion | null>(null);
  protected readonly loading = signal(false);
  protected readonly result = signal<PolicyPreview | null>(null);
  protected readonly error = signal<string | null>(null);

  protected preview(): void {
    const version = this.chosen();
    if (!version) return;
    this.loading.set(true);
    this.error.set(null);
    this.subscriptions.preview(this.subscriptionId(), version.body).subscribe({
      next: (result) => {
        this.result.set(result);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(apiErrorMessage(error));
        this.loading.set(false);
      },
    });
  }
}
