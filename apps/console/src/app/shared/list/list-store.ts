import { computed, inject, Signal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { catchError, combineLatest, map, Observable, of, startWith, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/http/api-error-message';
import { Sort } from '@angular/material/sort';
import { changedQueryParams, ListQuery, readListQuery, sortParam, SortDirection, sortState } from './list-query';

/** One page of a server-side list as every list route of the API answers it. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

type LoadState<T> = { kind: 'loading' } | { kind: 'ready'; page: ListPage<T> } | { kind: 'error'; message: string };

/**
 * A server-side list bound to the page's URL: the query comes from the URL, each change of it (search, filter, sort,
 * page) is written back to the URL, and every URL change loads the page again. Create it in a component's field
 * initialiser (injection context).
 */
export class ListStore<T> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly reloads = signal(0);
  private readonly lastPage = signal<ListPage<T> | null>(null);
  private readonly state: Signal<LoadState<T>>;

  readonly query: Signal<ListQuery>;
  /** The rows of the last page loaded (kept while the next one loads, so the table does not jump). */
  readonly items = computed(() => this.lastPage()?.items ?? []);
  readonly total = computed(() => this.lastPage()?.total ?? 0);
  readonly loading = computed(() => this.state().kind === 'loading');
  /** Nothing loaded yet: the list shows a skeleton. */
  readonly firstLoad = computed(() => this.loading() && this.lastPage() === null);
  readonly error = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.message : null;
  });
  readonly empty = computed(() => this.state().kind === 'ready' && this.items().length === 0);
  /** The column and direction the table's MatSort shows. */
  readonly sortState = computed(() => sortState(this.query().sort));
  /** A search or filter is applied: the empty state says to clear it rather than to add data. */
  readonly narrowed = computed(() => this.query().q !== null || Object.keys(this.query().filters).length > 0);

  constructor(filterKeys: readonly string[], load: (query: ListQuery) => Observable<ListPage<T>>) {
    this.query = toSignal(this.route.queryParamMap.pipe(map((params) => readListQuery(params, filterKeys))), {
      requireSync: true,
      equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    });
    this.state = toSignal(
      combineLatest([toObservable(this.query), toObservable(this.reloads)]).pipe(
        switchMap(([query]) =>
          load(query).pipe(
            map((page): LoadState<T> => {
              this.lastPage.set(page);
              return { kind: 'ready', page };
            }),
            catchError((error: unknown) => of<LoadState<T>>({ kind: 'error', message: apiErrorMessage(error) })),
            startWith<LoadState<T>>({ kind: 'loading' }),
          ),
        ),
      ),
      { initialValue: { kind: 'loading' } },
    );
  }

  /** A filter's value in the URL, '' when not set (the "all" option of its select). */
  filterValue(key: string): string {
    return this.query().filters[key] ?? '';
  }

  search(q: string): void {
    this.navigate(changedQueryParams({ q }));
  }

  filter(key: string, value: string | null): void {
    this.navigate(changedQueryParams({ filter: [key, value] }));
  }

  /** A column header click (MatSort's `matSortChange`). */
  sortBy({ active, direction }: Sort): void {
    this.navigate(changedQueryParams({ sort: sortParam(active, direction as SortDirection) }));
  }

  /** `pageIndex` is zero-based, as MatPaginator reports it. */
  goToPage(pageIndex: number, pageSize: number): void {
    const sizeChanged = pageSize !== this.query().pageSize;
    this.navigate(changedQueryParams({ page: sizeChanged ? 1 : pageIndex + 1, pageSize }));
  }

  clearSearchAndFilters(): void {
    const cleared: Record<string, null> = { q: null, page: null };
    for (const key of Object.keys(this.query().filters)) cleared[key] = null;
    this.navigate(cleared);
  }

  reload(): void {
    this.reloads.update((count) => count + 1);
  }

  private navigate(queryParams: Record<string, unknown>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: false });
  }
}
