import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { DashboardSummary, Kpi } from '@lunas/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { catchError, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { RupiahPipe } from '../../core/format/rupiah.pipe';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { FinanceApiService } from '../reports/finance-api.service';
import { jakartaToday, PeriodPickerComponent, type Period } from './period-picker.component';

/**
 * Beranda's finance part: a period (this month to date unless chosen) and, for the superadmin, the mitra, both kept in
 * the URL (`?from=&to=&mitra=`); KPI cards with the change against as many days before; four charts. Every card and
 * every bar, point or slice opens the list behind it with the filters the API gave for it.
 *
 * Charts are ECharts through ngx-echarts: one library covers line/bar, stacked and pie charts with tooltips, is
 * tree-shakeable and loaded lazily here, and renders to canvas, so a 12-month, many-series chart stays fast.
 */
@Component({
  selector: 'lunas-finance-overview',
  imports: [DecimalPipe, MatCardModule, MatFormFieldModule, MatProgressBarModule, MatSelectModule, NgxEchartsDirective, PeriodPickerComponent, RouterLink],
  providers: [provideEchartsCore({ echarts: () => import('echarts') })],
  template: `
    <section class="finance" aria-label="Ringkasan keuangan">
      <div class="finance-header">
        <h2>Keuangan</h2>
        <div class="filters">
        <lunas-period-picker [period]="period()" (periodChange)="choose({ from: $event.from, to: $event.to })" />
        @if (isSuperadmin()) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Mitra</mat-label>
            <mat-select [value]="tenantId()" (selectionChange)="choose({ mitra: $event.value })" data-testid="dashboard-mitra">
              <mat-option [value]="null">Semua mitra</mat-option>
              @for (tenant of tenants(); track tenant.id) {
                <mat-option [value]="tenant.id">{{ tenant.businessName }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        </div>
      </div>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (summary(); as s) {
        <p class="period">{{ s.from }} s.d. {{ s.to }} dibanding {{ s.previousFrom }} s.d. {{ s.previousTo }}</p>
        <div class="kpis">
          @for (kpi of s.kpis; track kpi.key) {
            <a class="kpi" [routerLink]="pathOf(kpi.link)" [queryParams]="queryOf(kpi.link)" [attr.data-testid]="'kpi-' + kpi.key">
              <span class="kpi-label">{{ kpi.label }}</span>
              <strong class="kpi-value">{{ display(kpi, kpi.value) }}</strong>
              <span class="kpi-change" [class.up]="kpi.change > 0" [class.down]="kpi.change < 0">
                {{ kpi.change > 0 ? '▲' : kpi.change < 0 ? '▼' : '=' }} {{ display(kpi, kpi.change) }}
              </span>
            </a>
          }
        </div>
        <div class="charts">
          <mat-card><mat-card-header><mat-card-title>Ditagihkan vs terkumpul (12 bulan)</mat-card-title></mat-card-header>
            <div echarts [options]="billedChart()" (chartClick)="open(billedLink($event))" class="chart" data-testid="chart-billed"></div></mat-card>
          <mat-card><mat-card-header><mat-card-title>Umur piutang</mat-card-title></mat-card-header>
            <div echarts [options]="agingChart()" (chartClick)="open(s.aging[$event.dataIndex]?.link)" class="chart" data-testid="chart-aging"></div></mat-card>
          <mat-card><mat-card-header><mat-card-title>Pemulihan per tahap penagihan</mat-card-title></mat-card-header>
            <div echarts [options]="recoveryChart()" (chartClick)="open(s.recoveryByStep[$event.dataIndex]?.link)" class="chart" data-testid="chart-recovery"></div>
            <ul class="links">
              @for (step of s.recoveryByStep; track step.step) {
                <li><a [routerLink]="pathOf(step.link)" [queryParams]="queryOf(step.link)">{{ step.label }}: {{ step.recovered }}/{{ step.reached }} ({{ step.recoveryRate | number: '1.0-1' }} %)</a></li>
              }
            </ul></mat-card>
          <mat-card><mat-card-header><mat-card-title>Metode pembayaran</mat-card-title></mat-card-header>
            <div echarts [options]="methodsChart()" (chartClick)="open(s.paymentMethods[$event.dataIndex]?.link)" class="chart" data-testid="chart-methods"></div></mat-card>
        </div>
      }
    </section>
  `,
  styles: `
    .finance-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
    .filters { display: flex; gap: 0.75rem; flex-wrap: wrap; }
    .period { color: var(--text-muted); margin: 0.25rem 0 1rem; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; }
    .kpi { display: flex; flex-direction: column; gap: 0.25rem; padding: 0.75rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); color: inherit; text-decoration: none; }
    .kpi-label { color: var(--text-muted); font-size: 0.85rem; }
    .kpi-value { font-size: 1.2rem; }
    .kpi-change { font-size: 0.8rem; color: var(--text-muted); }
    .kpi-change.up { color: var(--success); }
    .kpi-change.down { color: var(--danger); }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; margin-top: 1rem; }
    .chart { height: 16rem; cursor: pointer; }
    .links { font-size: 0.85rem; margin: 0; padding: 0 1rem 1rem 2rem; }
    .error { color: var(--danger); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FinanceOverviewComponent {
  private readonly api = inject(FinanceApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly isSuperadmin = computed(() => this.auth.user()?.roles.includes('superadmin') ?? false);
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly tenantId = computed(() => this.params().get('mitra'));
  /** The period in the URL, else this month to date (WIB). */
  protected readonly period = computed<Period>(() => {
    const from = this.params().get('from');
    const to = this.params().get('to');
    const today = jakartaToday();
    return from && to ? { from, to } : { from: `${today.slice(0, 8)}01`, to: today };
  });
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly tenants = toSignal(this.api.tenants().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly summary = toSignal(
    toObservable(computed(() => ({ tenantId: this.tenantId(), ...this.period() }), { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) })).pipe(
      tap(() => (this.loading.set(true), this.error.set(null))),
      switchMap(({ tenantId, from, to }) =>
        this.api.dashboard(tenantId, { from, to }).pipe(
          catchError((error: unknown) => (this.error.set(apiErrorMessage(error)), of(null))),
        ),
      ),
      tap(() => this.loading.set(false)),
    ),
    { initialValue: null as DashboardSummary | null },
  );

  /** Writes a new period or mitra into the URL (the summary follows the URL). */
  protected choose(change: { from?: string; to?: string; mitra?: string | null }): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: change, queryParamsHandling: 'merge' });
  }

  /** Opens the list behind a chart element. */
  protected open(link: string | undefined): void {
    if (link) void this.router.navigateByUrl(link);
  }

  /** A bar of billed or a point of collected in the 12-month chart. */
  protected billedLink(event: { seriesIndex?: number; dataIndex: number }): string | undefined {
    const month = this.summary()?.billedVsCollected[event.dataIndex];
    return event.seriesIndex === 0 ? month?.billedLink : month?.collectedLink;
  }

  private readonly rupiah = new RupiahPipe();

  protected readonly billedChart = computed<EChartsCoreOption>(() => {
    const rows = this.summary()?.billedVsCollected ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['Ditagihkan', 'Terkumpul'] },
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: { type: 'value' },
      series: [
        { name: 'Ditagihkan', type: 'bar', data: rows.map((r) => r.billed) },
        { name: 'Terkumpul', type: 'line', data: rows.map((r) => r.collected) },
      ],
    };
  });

  protected readonly agingChart = computed<EChartsCoreOption>(() => {
    const rows = this.summary()?.aging ?? [];
    return { tooltip: {}, xAxis: { type: 'category', data: rows.map((r) => r.label) }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: rows.map((r) => r.amount) }] };
  });

  protected readonly recoveryChart = computed<EChartsCoreOption>(() => {
    const rows = this.summary()?.recoveryByStep ?? [];
    return { tooltip: {}, xAxis: { type: 'category', data: rows.map((r) => r.label) }, yAxis: { type: 'value', max: 100, name: '%' }, series: [{ type: 'bar', data: rows.map((r) => r.recoveryRate) }] };
  });

  protected readonly methodsChart = computed<EChartsCoreOption>(() => {
    const rows = this.summary()?.paymentMethods ?? [];
    return { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: '65%', data: rows.map((r) => ({ name: r.method, value: r.amount })) }] };
  });

  protected display(kpi: Kpi, value: number): string {
    switch (kpi.unit) {
      case 'rupiah':
        return this.rupiah.transform(value);
      case 'percent':
        return `${value.toLocaleString('id-ID')} %`;
      case 'days':
        return `${value.toLocaleString('id-ID')} hari`;
      default:
        return value.toLocaleString('id-ID');
    }
  }

  protected pathOf(link: string): string {
    return link.split('?')[0];
  }

  protected queryOf(link: string): Record<string, string> {
    const query: Record<string, string> = {};
    new URLSearchParams(link.split('?')[1] ?? '').forEach((value, key) => (query[key] = value));
    return query;
  }
}
