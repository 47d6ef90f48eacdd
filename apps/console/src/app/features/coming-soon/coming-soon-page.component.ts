import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Stand-in for a section that is not built yet; the heading comes from the route's data. */
@Component({
  selector: 'lunas-coming-soon-page',
  template: `
    <header class="page-header">
      <h1>{{ heading() }}</h1>
    </header>
    <section class="card empty-state">
      <p class="empty-title">Segera hadir</p>
      <p class="page-subtitle">Halaman {{ heading() }} sedang disiapkan.</p>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComingSoonPageComponent {
  readonly heading = input.required<string>();
}
