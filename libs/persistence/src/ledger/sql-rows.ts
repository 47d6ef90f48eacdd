import type { EntityManager } from 'typeorm';

/** Columns of a set of rows passed as parameters: name → PostgreSQL type (`uuid`, `bigint`, `jsonb`, …). */
export type RowColumns = Readonly<Record<string, string>>;

export type Rows = ReadonlyArray<Readonly<Record<string, unknown>>>;

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
export function rowsSource(columns: RowColumns, rows: Rows, firstParam = 1): RowsSource {
  const names = Object.keys(columns);
  const arrays = names.map((name, i) => `$${firstParam + i}::${columns[name]}[]`);
  const params = names.map((name) => rows.map((row) => encode(row[name], columns[name])));
  return { from: `unnest(${arrays.join(', ')}) WITH ORDINALITY AS v(${names.join(', ')}, ordinality)`, params };
}

/**
 * Several writes over row sets as one statement — `WITH a AS (INSERT …), b AS (UPDATE …) SELECT …` —
 * so a whole unit of work reaches PostgreSQL in one round trip. The parts see the same snapshot (none
 * sees another's rows, each row is written by one part only); foreign keys are checked at the end of
 * the statement, so a part may reference rows another part inserts. A part may read another's
 * `RETURNING` rows by its name.
 */
export class WriteStatement {
  private readonly parts: string[] = [];
  private readonly params: unknown[] = [];

  /** Adds the part `name`; `sql` receives the `FROM` item of the rows, aliased `v`. */
  add(name: string, columns: RowColumns, rows: Rows, sql: (from: string) => string): this {
    const source = rowsSource(columns, rows, this.params.length + 1);
    this.params.push(...source.params);
    this.parts.push(`${name} AS (${sql(source.from)})`);
    return this;
  }

  /** Adds `INSERT INTO table (columns) SELECT … FROM the rows` in row order; `suffix` adds `ON CONFLICT …` / `RETURNING …`. */
  insert(name: string, table: string, columns: RowColumns, rows: Rows, suffix = ''): this {
    const names = Object.keys(columns).join(', ');
    return this.add(name, columns, rows, (from) => `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${from} ORDER BY ordinality ${suffix}`);
  }

  /** Runs every part, then `select` (which may read the parts' `RETURNING` rows). */
  run<R>(m: EntityManager, select: string): Promise<R[]> {
    return m.query(`WITH ${this.parts.join(',\n')}\n${select}`, this.params);
  }
}

function encode(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  return type === 'jsonb' ? JSON.stringify(value) : value;
}
