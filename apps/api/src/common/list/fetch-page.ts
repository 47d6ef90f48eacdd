import type { Page } from '@lunas/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListSql } from './list-sql';

/** Runs a list's two statements side by side and answers the page. */
export async function fetchPage<T>(db: DataSource | EntityManager, sql: ListSql, query: { page: number; pageSize: number }): Promise<Page<T>> {
  const [items, [{ total }]] = await Promise.all([db.query(sql.items.text, sql.items.params), db.query(sql.count.text, sql.count.params)]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
