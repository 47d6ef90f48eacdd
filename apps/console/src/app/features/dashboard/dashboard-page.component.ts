import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { FailedWorkflowsAlertComponent } from '../failed-workflows/failed-workflows-alert.component';
import { SystemHealthComponent } from '../system-health/system-health.component';
import { FinanceOverviewComponent } from './finance-overview.component';

/** Beranda: greeting, failed billing workflows waiting for an operator, the finance KPIs and charts (for roles that may read them), and the live status of the platform. */
@Component({
  selector: 'lunas-dashboard-page',
  imports: [FailedWorkflowsAlertComponent, FinanceOverviewComponent, SystemHealthComponent],
  template: `
    <header class="page-header">
      <h1>Beranda</h1>
      @if (user(); as user) {
        <p class="page-subtitle">Selamat datang, {{ user.username }}.</p>
      }
    </header>
    <lunas-failed-workflows-alert />
    @if (canReadFinance) {
      <lunas-finance-overview />
    }
    <lunas-system-health />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  private readonly auth = inject(AuthService);
  protected readonly user = this.auth.user;
  /** The finance figures only for roles that may read them (a kasir may not); the API refuses the rest anyway. */
  protected readonly canReadFinance = this.auth.can('report.finance.read');
}
