/**
 * Paging, sorting and search shared by every console list (`GET /api/v1/<resource>?page=&pageSize=&sort=&q=`).
 * `sort` is a field name of the list's `*_SORT_FIELDS`, descending with a leading `-` (e.g. `-createdAt`).
 * Instants in responses are ISO 8601 strings in WIB (`2026-12-06T09:00:00.000+07:00`); money is integer rupiah.
 */
export interface ListQuery {
  /** 1-based; default 1. */
  page?: number;
  /** 1–100; default 25. */
  pageSize?: number;
  sort?: string;
  /** Free-text search (what it searches is said per list). */
  q?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Largest page a list serves. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
