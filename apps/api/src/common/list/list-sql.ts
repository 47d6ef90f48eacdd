import { BadRequestException } from '@nestjs/common';

/** A statement and its parameters, run as is by the API and by `bench/console-api` (the floor). */
export interface Sql {
  text: string;
  params: unknown[];
}

/** The two statements of a list page: its rows and the total. */
export interface ListSql {
  items: Sql;
  count: Sql;
}

/** Collects `WHERE` clauses with numbered parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a clause; `$?` in it is replaced by the next parameter's number, one per value. */
  add(clause: string, ...values: unknown[]): this {
    let text = clause;
    for (const value of values) {
      this.params.push(value);
      text = text.replace('$?', `$${this.params.length}`);
    }
    this.clauses.push(text);
    return this;
  }

  /** The next parameter's placeholder, for a value used several times in one clause. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * `ORDER BY` of an allowed sort field (`-field` descending), the id last so that pages never overlap. PostgreSQL's
 * default null placement is kept (last ascending, first descending) so that `(…, column DESC, id DESC)` indexes serve it.
 */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string, idColumn: string): string {
  const requested = sort ?? fallback;
  const descending = requested.startsWith('-');
  const column = columns[descending ? requested.slice(1) : requested];
  if (!column) {
    throw new BadRequestException({
      message: `Urutan "${requested}" tidak dikenal. Pilihan: ${Object.keys(columns).join(', ')} (diawali "-" untuk menurun).`,
      errors: [{ field: 'sort', message: `Urutan "${requested}" tidak dikenal` }],
    });
  }
  const direction = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${column} ${direction}, ${idColumn} ${direction}`;
}

/** `LIMIT … OFFSET …` of a page (numbers validated by the query DTO). */
export function pageClause(page: number, pageSize: number): string {
  return `LIMIT ${Math.trunc(pageSize)} OFFSET ${Math.trunc((page - 1) * pageSize)}`;
}

/** A `%…%` pattern matching the text literally (`%`, `_` and `\` escaped). */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column = ANY(ARRAY(ids))`: the ids a search found through its trigram indexes, computed once, then read by primary
 * key. Written as an array (not `IN (…)` or `OR` across tables) so that PostgreSQL reads exactly those rows through
 * the index instead of scanning the table and filtering it, whatever its estimate of how many match.
 */
export function matchingIds(column: string, idsQuery: string): string {
  return `${column} = ANY(ARRAY(${idsQuery}))`;
}
