import type { EntityManager } from 'typeorm';

/** Columns of a set of rows passed as parameters: name → PostgreSQL type (`uuid`, `bigint`, `jsonb`, …). */
export type RowColumns = Readonly<Record<string, string>>;

/** A `FROM` item over many rows in one statement, and the parameters it binds. */
export interface RowsSource {
  /** `unnest($1::uuid[], $2::bigint[], …) WITH ORDINALITY AS v(a, b, …, ordinality)`. */
  readonly from: string;
  readonly params: unknown[];
}

/**
 * Many rows as one set-returning `FROM` item: one array parameter per column, so a statement over 1 or
 * 100 rows has the same text and binds as many parameters as it has columns. `jsonb` values are passed
 * as JSON text. `firstParam` is the number of the first placeholder (`$n`).
 */
export function rowsSource(columns: RowColumns, rows: ReadonlyArray<Readonly<Record<string, unknown>>>, alias = 'v', firstParam = 1): RowsSource {
  const names = Object.keys(columns);
  const arrays = names.map((name) => `$${firstParam + names.indexOf(name)}::${columns[name]}[]`);
  const params = names.map((name) => rows.map((row) => encode(row[name], columns[name])));
  return { from: `unnest(${arrays.join(', ')}) WITH ORDINALITY AS ${alias}(${names.join(', ')}, ordinality)`, params };
}

/**
 * `INSERT INTO table (columns) SELECT … FROM unnest(…)` in row order; `suffix` adds `ON CONFLICT …`
 * and/or `RETURNING …`. Returns the returned rows (none without RETURNING); writes nothing for no rows.
 */
export async function insertRows<R = unknown>(m: EntityManager, table: string, columns: RowColumns, rows: ReadonlyArray<Readonly<Record<string, unknown>>>, suffix = ''): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns).join(', ');
  const source = rowsSource(columns, rows);
  return m.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${source.from} ORDER BY ordinality ${suffix}`, source.params);
}

function encode(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  return type === 'jsonb' ? JSON.stringify(value) : value;
}
