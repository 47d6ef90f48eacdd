import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';

/** Pembayaran: one heading, a tab per task (list, kasir, reconciliation queue, bank statement import). */
@Component({
  selector: 'lunas-payments-shell-page',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <header class="page-header">
      <div>
        <h1>Pembayaran</h1>
        <p class="page-subtitle">Pembayaran gateway, kasir, rekonsiliasi dan impor mutasi bank.</p>
      </div>
    </header>
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Bagian pembayaran">
      @for (tab of tabs(); track tab.path) {
        <a mat-tab-link [routerLink]="tab.path" routerLinkActive #active="routerLinkActive" [routerLinkActiveOptions]="{ exact: true }" [active]="active.isActive">{{ tab.label }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <div class="tab-body"><router-outlet /></div>
    </mat-tab-nav-panel>
  `,
  styles: `.tab-body { padding-top: 1rem; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentsShellPageComponent {
  private readonly auth = inject(AuthService);

  protected readonly tabs = computed(() =>
    [
      { path: '/pembayaran', label: 'Daftar pembayaran', permission: 'payment.read' },
      { path: '/pembayaran/kasir', label: 'Kasir', permission: 'payment.record' },
      { path: '/pembayaran/rekonsiliasi', label: 'Antrean rekonsiliasi', permission: 'payment.reconcile' },
      { path: '/pembayaran/impor-mutasi', label: 'Impor mutasi bank', permission: 'payment.reconcile' },
    ].filter((tab) => this.auth.can(tab.permission)),
  );
}
