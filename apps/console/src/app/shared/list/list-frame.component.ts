import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PAGE_SIZE_OPTIONS } from './list-query';
import { ListStore } from './list-store';

/**
 * The frame every server-side list shares: a skeleton while the first page loads, what went wrong when it fails (with
 * a retry), an empty state that says what to do, the table (projected), a progress bar while the next page loads, and
 * the paginator.
 */
@Component({
  selector: 'lunas-list-frame',
  imports: [MatPaginatorModule, MatProgressBarModule, MatButtonModule],
  template: `
    <section class="card list-card" [attr.aria-busy]="store().loading()">
      @if (store().firstLoad()) {
        <div class="skeleton" role="status" aria-label="Memuat data">
          @for (row of skeletonRows(); track row) {
            <div class="skeleton-row"></div>
          }
        </div>
      } @else if (store().error(); as message) {
        <div class="list-error" role="alert">
          <p class="empty-title">{{ errorTitle() }}</p>
          <p class="muted">{{ message }}</p>
          <button mat-stroked-button type="button" (click)="store().reload()">Coba lagi</button>
        </div>
      } @else if (store().empty()) {
        <div class="empty-state">
          @if (store().narrowed()) {
            <p class="empty-title">Tidak ada yang cocok</p>
            <p class="muted">Tidak ada data yang cocok dengan pencarian atau filter ini. Ubah kata kunci atau hapus filternya.</p>
            <button mat-stroked-button type="button" (click)="store().clearSearchAndFilters()">Hapus pencarian dan filter</button>
          } @else {
            <p class="empty-title">{{ emptyTitle() }}</p>
            <p class="muted">{{ emptyHint() }}</p>
            <ng-content select="[emptyAction]" />
          }
        </div>
      } @else {
        @if (store().loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Memuat halaman berikutnya" />
        }
        <div class="table-scroll">
          <ng-content />
        </div>
        <mat-paginator
          [length]="store().total()"
          [pageIndex]="store().query().page - 1"
          [pageSize]="store().query().pageSize"
          [pageSizeOptions]="pageSizeOptions"
          (page)="changePage($event)"
        />
      }
    </section>
  `,
  styles: `
    .list-card { padding: 0; overflow: hidden; }
    .skeleton { padding: 1rem 1.25rem; }
    .skeleton-row {
      height: 1.4rem; margin: 0.6rem 0; border-radius: 6px;
      background: linear-gradient(90deg, var(--surface-muted) 25%, var(--border) 50%, var(--surface-muted) 75%);
      background-size: 200% 100%; animation: shimmer 1.2s infinite linear;
    }
    @keyframes shimmer { from { background-position: 200% 0; } to { background-position: -200% 0; } }
    @media (prefers-reduced-motion: reduce) { .skeleton-row { animation: none; } }
    .list-error, .empty-state { padding: 2.5rem 1.5rem; text-align: center; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListFrameComponent {
  readonly store = input.required<ListStore<unknown>>();
  /** Shown when the list has no rows at all, e.g. "Belum ada pelanggan". */
  readonly emptyTitle = input.required<string>();
  /** What to do about it, e.g. "Tambahkan pelanggan pertama dengan tombol Tambah pelanggan." */
  readonly emptyHint = input.required<string>();
  /** What failed, e.g. "Daftar pelanggan tidak dapat dimuat". */
  readonly errorTitle = input('Data tidak dapat dimuat');
  readonly skeletonLines = input(6);

  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly skeletonRows = computed(() => Array.from({ length: this.skeletonLines() }, (_, index) => index));

  protected changePage(event: PageEvent): void {
    this.store().goToPage(event.pageIndex, event.pageSize);
  }
}
