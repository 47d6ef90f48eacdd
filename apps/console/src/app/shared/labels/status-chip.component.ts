import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { StatusLabel, statusLabel } from './status-labels';

/** A status as a small coloured label: `<lunas-status-chip [labels]="INVOICE_STATUS_LABELS" [status]="invoice.status" />`. */
@Component({
  selector: 'lunas-status-chip',
  template: `<span class="chip" [attr.data-tone]="shown().tone">{{ shown().label }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; white-space: nowrap;
      background: var(--surface-muted); color: var(--text-muted); }
    .chip[data-tone='good'] { background: var(--success-soft); color: var(--success); }
    .chip[data-tone='warn'] { background: #fff4e0; color: #8a5300; }
    .chip[data-tone='bad'] { background: var(--danger-soft); color: var(--danger); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly labels = input.required<Record<string, StatusLabel>>();
  readonly status = input.required<string | null | undefined>();

  protected readonly shown = computed(() => statusLabel(this.labels(), this.status()));
}
