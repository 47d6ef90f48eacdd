import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { FailedWorkflowsAlertComponent } from '../failed-workflows/failed-workflows-alert.component';
import { SystemHealthComponent } from '../system-health/system-health.component';
import { FinanceOverviewComponent } from './finance-overview.component';

/** Beranda: greeting, failed billing workflows waiting for an operator, the finance KPIs and charts, and the live status of the platform. */
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
    <lunas-finance-overview />
    <lunas-system-health />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPageComponent {
  protected readonly user = inject(AuthService).user;
}
