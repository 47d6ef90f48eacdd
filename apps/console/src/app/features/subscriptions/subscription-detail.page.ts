import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { catchError, map, of, scan, Subject, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { openConfirmAction } from '../../shared/dialogs/confirm-action.dialog';
import { dunningActionsText, DUNNING_STAGE_LABELS, INVOICE_STATUS_LABELS } from '../../shared/labels/status-labels';
import { StatusChipComponent } from '../../shared/labels/status-chip.component';
import { injectVisiblePoller } from '../../shared/poll-while-visible';
import { PackagesService } from '../packages/packages.service';
import { PolicyPreviewComponent } from './policy-preview.component';
import { availableActions, SubscriptionAction } from './subscription-actions';
import { SubscriptionDetail, SubscriptionsService } from './subscriptions.service';

/**
 * The page polls the subscription (record + the workflow's `state` query) every 3 s while the tab is visible.
 * Polling rather than server-sent events: the workflow has no push channel — the API would itself have to poll Temporal
 * per open stream — and an EventSource cannot send the bearer token, so polling keeps the interceptor's refresh and
 * the route's permission check as they are. 3 s shows a payment "within seconds" at one light query per viewer.
 */
export const LIVE_STATE_POLL_MS = 3_000;

const TRIGGER_LABELS: Partial<Record<string, string>> = { schedule: 'Jadwal', payment: 'Pembayaran', operator: 'Operator', system: 'Sistem' };

/** What the page shows: the last detail read, and why the latest read failed (the last detail stays on screen). */
interface LiveView {
  detail: SubscriptionDetail | null;
  error: string | null;
}

/** Langganan detail: live dunning state and timeline, the actions the workflow accepts, and the what-if preview. */
@Component({
  selector: 'lunas-subscription-detail-page',
  imports: [DatePipe, RouterLink, RupiahPipe, MatButtonModule, StatusChipComponent, PolicyPreviewComponent],
  templateUrl: './subscription-detail.page.html',
  styleUrl: './subscription-detail.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubscriptionDetailPageComponent {
  private readonly subscriptions = inject(SubscriptionsService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly packages = inject(PackagesService);
  private readonly refreshNow = new Subject<void>();
  private readonly poll = injectVisiblePoller();

  readonly id = input.required<string>();

  protected readonly stageLabels = DUNNING_STAGE_LABELS;
  protected readonly actionsText = dunningActionsText;
  protected readonly invoiceLabels = INVOICE_STATUS_LABELS;
  protected readonly triggerLabels = TRIGGER_LABELS;
  protected readonly done = signal<string | null>(null);

  private readonly view = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.poll(
          () => this.subscriptions.get(id).pipe(
            map((detail): Partial<LiveView> => ({ detail, error: null })),
            catchError((error: unknown) => of<Partial<LiveView>>({ error: apiErrorMessage(error) })),
          ),
          LIVE_STATE_POLL_MS,
          this.refreshNow,
        ).pipe(scan((view: LiveView, read) => ({ ...view, ...read }), { detail: null, error: null })),
      ),
    ),
    { initialValue: { detail: null, error: null } },
  );
  protected readonly detail = computed(() => this.view().detail);
  protected readonly error = computed(() => this.view().error);
  protected readonly state = computed(() => this.detail()?.state ?? null);
  protected readonly timeline = computed(() => [...(this.state()?.timeline ?? [])].reverse());
  protected readonly actions = computed(() => availableActions(this.state(), (permission) => this.auth.can(permission)));
  protected readonly canPreview = this.auth.can('dunning_policy.read');

  protected run(action: SubscriptionAction): void {
    if (action.fields?.some((field) => field.key === 'packageId')) {
      this.packages.listActive().subscribe({
        next: (packages) => {
          const options = packages.filter((pkg) => pkg.id !== this.state()?.packageId).map((pkg) => ({ value: pkg.id, label: `${pkg.name} (${pkg.speed})` }));
          this.confirm({ ...action, fields: action.fields?.map((field) => (field.key === 'packageId' ? { ...field, options } : field)) });
        },
        error: (error: unknown) => this.done.set(`Daftar paket tidak dapat dimuat. ${apiErrorMessage(error)}`),
      });
      return;
    }
    this.confirm(action);
  }

  private confirm(action: SubscriptionAction): void {
    openConfirmAction(this.dialog, {
      title: `${action.label}?`,
      effect: action.effect,
      confirmLabel: action.label,
      danger: action.danger,
      fields: action.fields,
      submit: ({ reason, values }) => this.subscriptions.act(this.id(), action.action, { reason, ...values }),
    }).subscribe(() => {
      this.done.set(`${action.label}: berhasil. Halaman diperbarui otomatis.`);
      this.refreshNow.next();
    });
  }
}
