import { Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';

/** MatPaginator's texts in Bahasa Indonesia: "1–25 dari 1.234". */
@Injectable()
export class IndonesianPaginatorIntl extends MatPaginatorIntl {
  override itemsPerPageLabel = 'Baris per halaman';
  override nextPageLabel = 'Halaman berikutnya';
  override previousPageLabel = 'Halaman sebelumnya';
  override firstPageLabel = 'Halaman pertama';
  override lastPageLabel = 'Halaman terakhir';

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0) return `0 dari 0`;
    const start = page * pageSize + 1;
    const end = Math.min(start + pageSize - 1, length);
    const count = new Intl.NumberFormat('id-ID');
    return `${count.format(start)}–${count.format(end)} dari ${count.format(length)}`;
  };
}
