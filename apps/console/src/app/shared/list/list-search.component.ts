import { ChangeDetectionStrategy, Component, DestroyRef, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { debounceTime, distinctUntilChanged, Subject } from 'rxjs';
import { ListStore } from './list-store';

/** Wait this long after the last key before searching: 300 ms is below what feels like a lag, above typing speed. */
export const SEARCH_DEBOUNCE_MS = 300;

/** A list's search field: searches on the server after a short pause in typing, and shows the URL's search. */
@Component({
  selector: 'lunas-list-search',
  imports: [MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field subscriptSizing="dynamic" class="search-field">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="search" [value]="store().query().q ?? ''" (input)="typed($event)" (keydown.enter)="searchNow($event)" />
    </mat-form-field>
  `,
  styles: `:host { display: flex; flex: 2 1 260px; min-width: 0; } .search-field { flex: 1; min-width: 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListSearchComponent {
  readonly store = input.required<ListStore<unknown>>();
  readonly label = input('Cari');

  private readonly terms = new Subject<string>();

  constructor() {
    this.terms
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((term) => this.store().search(term));
  }

  protected typed(event: Event): void {
    this.terms.next((event.target as HTMLInputElement).value);
  }

  protected searchNow(event: Event): void {
    this.store().search((event.target as HTMLInputElement).value);
  }
}
