import { InvalidQueryError } from './errors';
import { parseQuery } from './query-parser';

const col = (name: string, offset: number) => ({ name, offset });
const str = (value: string) => ({ literal: { kind: 'string', value } });
const num = (value: number, integer: boolean) => ({ literal: { kind: 'number', value, integer } });

function syntaxErrorOf(query: string): InvalidQueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof InvalidQueryError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to fail`);
}

describe(parseQuery.name, () => {
  describe('empty and clause-only queries', () => {
    it('treats an empty or blank query as "everything"', () => {
      expect(parseQuery('')).toEqual({ where: undefined, groupBy: [], orderBy: [], limit: false });
      expect(parseQuery('   \n')).toEqual({ where: undefined, groupBy: [], orderBy: [], limit: false });
    });

    it('accepts a query that is only ORDER BY or GROUP BY', () => {
      expect(parseQuery('order by StartTime').orderBy).toEqual([{ column: col('StartTime', 9), descending: false }]);
      expect(parseQuery('GROUP BY ExecutionStatus').groupBy).toEqual([col('ExecutionStatus', 9)]);
    });
  });

  describe('comparisons', () => {
    it.each(['=', '!=', '<', '<=', '>', '>='])('parses the %s operator', (op) => {
      expect(parseQuery(`HistoryLength ${op} 5`).where).toEqual({
        type: 'compare',
        column: col('HistoryLength', 0),
        operator: op,
        value: num(5, true),
      });
    });

    it('reads <> as !=', () => {
      expect(parseQuery("WorkflowId <> 'a'").where).toMatchObject({ operator: '!=' });
    });

    it('reads single- and double-quoted strings with escapes and doubled quotes', () => {
      expect(parseQuery(`WorkflowId = 'it''s'`).where).toMatchObject({ value: str("it's") });
      expect(parseQuery(`WorkflowId = "say \\"hi\\""`).where).toMatchObject({ value: str('say "hi"') });
      expect(parseQuery(`WorkflowId = 'a\\nb'`).where).toMatchObject({ value: str('a\nb') });
    });

    it('reads backtick-quoted names', () => {
      expect(parseQuery('`Lunas Stage` = "x"').where).toMatchObject({ column: col('Lunas Stage', 0) });
    });

    it('reads integers, decimals, exponents and signed numbers', () => {
      expect(parseQuery('Amount = 1.5').where).toMatchObject({ value: num(1.5, false) });
      expect(parseQuery('Amount = -42').where).toMatchObject({ value: num(-42, true) });
      expect(parseQuery('Amount = +2e3').where).toMatchObject({ value: num(2000, false) });
      expect(parseQuery('Amount = .5').where).toMatchObject({ value: num(0.5, false) });
    });

    it('reads true and false in any case', () => {
      expect(parseQuery('Flag = TRUE').where).toMatchObject({ value: { literal: { kind: 'bool', value: true } } });
      expect(parseQuery('Flag = false').where).toMatchObject({ value: { literal: { kind: 'bool', value: false } } });
    });

    it('keeps an unquoted name on the right for the compiler to reject', () => {
      expect(parseQuery('ExecutionStatus = Running').where).toMatchObject({ value: { column: col('Running', 18) } });
    });

    it('marks a value on the left as invalid, with the server\'s wording', () => {
      expect(parseQuery("'x' = WorkflowId").where).toEqual({
        type: 'invalid',
        detail: 'invalid expression: must be a column name but was *sqlparser.SQLVal',
      });
    });

    it('marks a bare column as an incomplete expression', () => {
      expect(parseQuery("WorkflowId AND WorkflowType = 'x'").where).toMatchObject({
        left: { type: 'invalid', detail: 'invalid expression: incomplete expression' },
      });
    });
  });

  describe('set, range and pattern conditions', () => {
    it('parses IN and NOT IN lists', () => {
      expect(parseQuery("WorkflowType IN ('a', \"b\")").where).toEqual({
        type: 'in',
        column: col('WorkflowType', 0),
        negated: false,
        values: [str('a'), str('b')],
      });
      expect(parseQuery("WorkflowType not in ('a')").where).toMatchObject({ type: 'in', negated: true });
    });

    it('parses BETWEEN and NOT BETWEEN, whose AND does not start a new condition', () => {
      expect(parseQuery("StartTime BETWEEN '2024-01-01T00:00:00Z' AND '2024-02-01T00:00:00Z' AND HistoryLength > 1").where).toEqual({
        type: 'and',
        left: {
          type: 'between',
          column: col('StartTime', 0),
          negated: false,
          from: str('2024-01-01T00:00:00Z'),
          to: str('2024-02-01T00:00:00Z'),
        },
        right: { type: 'compare', column: col('HistoryLength', 72), operator: '>', value: num(1, true) },
      });
      expect(parseQuery('HistoryLength NOT BETWEEN 1 AND 2').where).toMatchObject({ type: 'between', negated: true });
    });

    it('parses STARTS_WITH and NOT STARTS_WITH', () => {
      expect(parseQuery("WorkflowId STARTS_WITH 'dunning-'").where).toEqual({
        type: 'startsWith',
        column: col('WorkflowId', 0),
        negated: false,
        value: str('dunning-'),
      });
      expect(parseQuery("WorkflowId not starts_with 'x'").where).toMatchObject({ type: 'startsWith', negated: true });
    });

    it('parses IS NULL and IS NOT NULL', () => {
      expect(parseQuery('CloseTime IS NULL').where).toEqual({ type: 'isNull', column: col('CloseTime', 0), negated: false });
      expect(parseQuery('CloseTime is not null').where).toMatchObject({ type: 'isNull', negated: true });
    });

    it('parses LIKE so that the compiler can refuse it as the server does', () => {
      expect(parseQuery("WorkflowId LIKE 'a%'").where).toMatchObject({ type: 'compare', operator: 'LIKE' });
    });
  });

  describe('logic', () => {
    it('binds AND tighter than OR', () => {
      expect(parseQuery('A = 1 OR B = 2 AND C = 3').where).toMatchObject({
        type: 'or',
        left: { column: { name: 'A' } },
        right: { type: 'and', left: { column: { name: 'B' } }, right: { column: { name: 'C' } } },
      });
    });

    it('lets parentheses override precedence', () => {
      expect(parseQuery('(A = 1 OR B = 2) AND C = 3').where).toMatchObject({
        type: 'and',
        left: { type: 'or' },
        right: { column: { name: 'C' } },
      });
    });

    it('binds NOT tighter than AND', () => {
      expect(parseQuery('NOT A = 1 AND B = 2').where).toMatchObject({
        type: 'and',
        left: { type: 'not', expr: { column: { name: 'A' } } },
      });
    });
  });

  describe('ORDER BY, GROUP BY and LIMIT', () => {
    it('parses several ORDER BY items with directions', () => {
      expect(parseQuery("WorkflowType = 'x' ORDER BY StartTime DESC, WorkflowId asc, RunId").orderBy).toEqual([
        { column: col('StartTime', 28), descending: true },
        { column: col('WorkflowId', 44), descending: false },
        { column: col('RunId', 60), descending: false },
      ]);
    });

    it('parses GROUP BY after a filter', () => {
      expect(parseQuery("WorkflowType = 'x' GROUP BY ExecutionStatus").groupBy).toEqual([col('ExecutionStatus', 28)]);
    });

    it('flags LIMIT for the compiler to refuse', () => {
      expect(parseQuery("WorkflowType = 'x' LIMIT 5").limit).toBe(true);
    });
  });

  describe('syntax errors', () => {
    it.each([
      // position counts in "select * from table1 where <query>", one past the offending token
      ["WorkflowId = 'a' AND AND x = 1", 52, 'AND', 21],
      ['WorkflowId == 1', 41, '=', 12],
      ["WorkflowId = 'a' ExecutionStatus = 'Running'", 60, 'ExecutionStatus', 17],
      ['WorkflowId IN ()', 44, ')', 15],
      ["(WorkflowId = 'a'", 45, undefined, 17],
      ['WorkflowId = ', 40, undefined, 12],
      ["WorkflowId = 'a' ORDER StartTime", 60, 'StartTime', 23],
      ['HistoryLength > 5x', 46, '5x', 16],
      ['WorkflowId = #', 42, '#', 13],
      ["WorkflowId = 'open", 46, 'open', 13],
      ['ORDER BY', 30, undefined, 8],
      ['order by 5', 32, '5', 9],
    ])('reports %p at position %p near %p', (query, position, near, offset) => {
      const error = syntaxErrorOf(query);
      const suffix = near ? ` near '${near}'` : '';
      expect(error.message).toBe(`invalid query: malformed SQL query: syntax error at position ${position}${suffix}`);
      expect(error.location).toEqual({ offset, token: near });
    });

    it('counts positions from the query as the caller wrote it, leading blanks included', () => {
      const error = syntaxErrorOf("   WorkflowId = 'a' AND");
      expect(error.message).toBe('invalid query: malformed SQL query: syntax error at position 48');
      expect(error.location?.offset).toBe(23);
    });
  });
});
