import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { finalize } from 'rxjs';
import { FailedSubscriptionWorkflow, WorkflowEnding } from '../../core/api-types';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { FailedWorkflowsService } from './failed-workflows.service';

export const REASON_REQUIRED_MESSAGE = 'Isi alasan memulai ulang terlebih dahulu.';
export const REASON_MAX_LENGTH = 500;

/** How each ending reads on Beranda. */
export const ENDING_LABELS: Record<WorkflowEnding, string> = {
  failed: 'Gagal',
  terminated: 'Dihentikan paksa',
  timed_out: 'Melewati batas waktu',
  cancelled: 'Dibatalkan dari Temporal',
};

/**
 * Alert on Beranda for subscription billing workflows whose latest run stopped (failed, or terminated,
 * timed out or cancelled in Temporal); shown only when there is at least one. Each can be restarted with a reason, after which the list is read again.
 */
@Component({
  selector: 'lunas-failed-workflows-alert',
  imports: [DatePipe],
  templateUrl: './failed-workflows-alert.component.html',
  styleUrl: './failed-workflows-alert.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FailedWorkflowsAlertComponent {
  private readonly workflows = inject(FailedWorkflowsService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly reasonMaxLength = REASON_MAX_LENGTH;
  protected readonly endingLabels = ENDING_LABELS;
  protected readonly items = signal<FailedSubscriptionWorkflow[]>([]);
  protected readonly loadError = signal<string | null>(null);
  /** Workflow whose reason input is open; one at a time. */
  protected readonly editing = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly submitting = signal(false);
  protected readonly actionError = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.workflows
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.items.set(items);
          this.loadError.set(null);
        },
        error: (error: unknown) => this.loadError.set(`Daftar proses penagihan yang berhenti tidak dapat dimuat. ${apiErrorMessage(error)}`),
      });
  }

  protected askReason(item: FailedSubscriptionWorkflow): void {
    this.editing.set(item.workflowId);
    this.reason.set('');
    this.actionError.set(null);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.actionError.set(null);
  }

  protected onReasonInput(event: Event): void {
    this.reason.set((event.target as HTMLInputElement).value);
  }

  protected restart(item: FailedSubscriptionWorkflow): void {
    const reason = this.reason().trim();
    if (!item.subscriptionId || this.submitting()) {
      return;
    }
    if (reason === '') {
      this.actionError.set(REASON_REQUIRED_MESSAGE);
      return;
    }
    this.submitting.set(true);
    this.actionError.set(null);
    this.workflows
      .restart(item.subscriptionId, reason)
      .pipe(
        finalize(() => this.submitting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.editing.set(null);
          this.reason.set('');
          this.load();
        },
        error: (error: unknown) => this.actionError.set(`Gagal memulai ulang: ${apiErrorMessage(error)}`),
      });
  }
}
