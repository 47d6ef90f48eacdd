import { HttpErrorResponse } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Observable, Subject } from 'rxjs';
import { provideIndonesianLocale } from '../../core/format/locale';
import { IndonesianPaginatorIntl } from './indonesian-paginator-intl';
import { ListFrameComponent } from './list-frame.component';
import { ListQuery } from './list-query';
import { ListPage, ListStore } from './list-store';

const answers: Subject<ListPage<string>>[] = [];
const queries: ListQuery[] = [];

@Component({
  imports: [ListFrameComponent],
  template: `
    <lunas-list-frame [store]="store" emptyTitle="Belum ada pelanggan" emptyHint="Tambahkan pelanggan pertama." errorTitle="Daftar pelanggan tidak dapat dimuat">
      <ul>
        @for (item of store.items(); track item) {
          <li>{{ item }}</li>
        }
      </ul>
    </lunas-list-frame>
  `,
})
class CustomerListHostComponent {
  readonly store = new ListStore<string>(['status'], (query): Observable<ListPage<string>> => {
    queries.push(query);
    const answer = new Subject<ListPage<string>>();
    answers.push(answer);
    return answer;
  });
}

async function open(url: string) {
  answers.length = 0;
  queries.length = 0;
  TestBed.configureTestingModule({ providers: [provideIndonesianLocale(), { provide: MatPaginatorIntl, useClass: IndonesianPaginatorIntl }, provideRouter([{ path: 'pelanggan', component: CustomerListHostComponent }])] });
  const harness = await RouterTestingHarness.create(url);
  const text = () => (harness.routeNativeElement?.textContent ?? '').replace(/\s+/g, ' ');
  const answer = async (page: ListPage<string> | HttpErrorResponse) => {
    const last = answers[answers.length - 1];
    if (page instanceof HttpErrorResponse) last.error(page);
    else last.next(page);
    harness.detectChanges();
    await harness.fixture.whenStable();
  };
  return { harness, text, answer, host: () => harness.routeDebugElement?.componentInstance as CustomerListHostComponent };
}

describe(ListFrameComponent.name, () => {
  it('asks the API with the query of the URL and shows a skeleton until the first page arrives', async () => {
    const { harness, answer, text } = await open('/pelanggan?page=2&status=active&sort=-name');

    expect(queries[0]).toEqual({ page: 2, pageSize: 25, sort: '-name', q: null, filters: { status: 'active' } });
    expect(harness.routeNativeElement?.querySelector('[aria-label="Memuat data"]')).not.toBeNull();

    await answer({ items: ['Andi', 'Budi'], total: 27 });
    expect(text()).toContain('Andi');
    expect(text()).toContain('26–27 dari 27');
  });

  it('says what failed and loads again on "Coba lagi"', async () => {
    const { harness, answer, text } = await open('/pelanggan');

    await answer(new HttpErrorResponse({ status: 503, error: { detail: 'Database sedang tidak tersedia.' } }));
    expect(text()).toContain('Daftar pelanggan tidak dapat dimuat');
    expect(text()).toContain('Database sedang tidak tersedia.');

    (Array.from(harness.routeNativeElement?.querySelectorAll('button') ?? []).find((b) => b.textContent?.includes('Coba lagi')) as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    await answer({ items: ['Citra'], total: 1 });
    expect(queries).toHaveLength(2);
    expect(text()).toContain('Citra');
  });

  it('says what to do when there is nothing yet: add the first one', async () => {
    const empty = await open('/pelanggan');
    await empty.answer({ items: [], total: 0 });
    expect(empty.text()).toContain('Belum ada pelanggan');
    expect(empty.text()).toContain('Tambahkan pelanggan pertama.');
  });

  it('offers to clear a search that matches nothing, and clearing it empties the URL', async () => {
    const searched = await open('/pelanggan?q=zzz&status=inactive');
    await searched.answer({ items: [], total: 0 });
    expect(searched.text()).toContain('Tidak ada yang cocok');
    searched.host().store.clearSearchAndFilters();
    await searched.harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/pelanggan');
  });
});
