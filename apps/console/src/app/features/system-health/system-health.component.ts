import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { switchMap, timer } from 'rxjs';
import { SystemHealthService } from './system-health.service';

/** How often the panel asks the API again: 10 s keeps an outage visible within one glance. */
export const HEALTH_REFRESH_INTERVAL_MS = 10_000;

/** Status of the API and the components it depends on, refreshed every 10 seconds. */
@Component({
  selector: 'lunas-system-health',
  imports: [DatePipe],
  templateUrl: './system-health.component.html',
  styleUrl: './system-health.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemHealthComponent {
  private readonly health = inject(SystemHealthService);

  protected readonly report = toSignal(timer(0, HEALTH_REFRESH_INTERVAL_MS).pipe(switchMap(() => this.health.check())), {
    initialValue: null,
  });
}
