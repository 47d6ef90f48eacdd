import { InvalidQueryError } from './errors';
import { ExecutionRecord, WorkflowExecutionStatus } from './execution-record';
import { compileQuery } from './query-compiler';
import { executionRecord, lunasRegistry } from './test-records';

const registry = lunasRegistry();
const matches = (query: string, record: ExecutionRecord) => compileQuery(query, 'default', registry).matches(record);

function compileError(query: string): string {
  try {
    compileQuery(query, 'default', registry);
  } catch (error) {
    if (error instanceof InvalidQueryError) return error.message;
    throw error;
  }
  throw new Error(`expected ${query} to be refused`);
}

const { WORKFLOW_EXECUTION_STATUS_RUNNING: RUNNING, WORKFLOW_EXECUTION_STATUS_COMPLETED: COMPLETED } =
  WorkflowExecutionStatus;

describe(compileQuery.name, () => {
  describe('system attributes', () => {
    const closed = executionRecord({
      workflowId: 'dunning-42',
      status: COMPLETED,
      closeTime: new Date('2024-01-01T01:30:00Z'),
      historyLength: 11,
    });

    it('matches Keyword fields exactly, with ranges and STARTS_WITH', () => {
      expect(matches("WorkflowId = 'dunning-42'", closed)).toBe(true);
      expect(matches("WorkflowId = 'dunning-4'", closed)).toBe(false);
      expect(matches("WorkflowId STARTS_WITH 'dunning-'", closed)).toBe(true);
      expect(matches("WorkflowId NOT STARTS_WITH 'dunning-'", closed)).toBe(false);
      expect(matches("WorkflowId > 'dunning-41'", closed)).toBe(true);
      expect(matches("WorkflowId BETWEEN 'dunning-40' AND 'dunning-49'", closed)).toBe(true);
      expect(matches("WorkflowType IN ('a', 'dunningWorkflow')", closed)).toBe(true);
      expect(matches("TaskQueue NOT IN ('dunning')", closed)).toBe(false);
      expect(matches("RunId = 'run-1'", closed)).toBe(true);
    });

    it('matches ExecutionStatus by name, enum name or number', () => {
      expect(matches("ExecutionStatus = 'Completed'", closed)).toBe(true);
      expect(matches("ExecutionStatus = 'WORKFLOW_EXECUTION_STATUS_COMPLETED'", closed)).toBe(true);
      expect(matches('ExecutionStatus = 2', closed)).toBe(true);
      expect(matches("ExecutionStatus != 'Running'", closed)).toBe(true);
      expect(matches("ExecutionStatus IN ('Running', 'TimedOut')", closed)).toBe(false);
    });

    it('compares datetimes given as RFC 3339 in any offset or as Unix nanoseconds', () => {
      expect(matches("StartTime = '2024-01-01T07:00:00+07:00'", closed)).toBe(true);
      expect(matches("StartTime < '2024-01-01T00:00:00.001Z'", closed)).toBe(true);
      expect(matches("StartTime > '2024-01-01T00:00:00Z'", closed)).toBe(false);
      expect(matches('StartTime >= 1704067200000000000', closed)).toBe(true);
      expect(matches("CloseTime BETWEEN '2024-01-01T01:00:00Z' AND '2024-01-01T02:00:00Z'", closed)).toBe(true);
      expect(matches("ExecutionTime <= '2023-12-31T23:59:59Z'", closed)).toBe(false);
    });

    it('derives ExecutionDuration from close and execution time, in nanoseconds or duration strings', () => {
      expect(matches("ExecutionDuration = '1h30m'", closed)).toBe(true);
      expect(matches("ExecutionDuration > '01:29:59'", closed)).toBe(true);
      expect(matches('ExecutionDuration = 5400000000000', closed)).toBe(true);
      expect(matches("ExecutionDuration < '90m'", closed)).toBe(false);
      expect(matches("ExecutionDuration > '1s'", executionRecord())).toBe(false);
    });

    it('compares HistoryLength numerically', () => {
      expect(matches('HistoryLength >= 11 AND HistoryLength < 12', closed)).toBe(true);
      expect(matches('HistoryLength = 11.0', closed)).toBe(true);
      expect(matches('HistoryLength NOT BETWEEN 1 AND 20', closed)).toBe(false);
    });

    it('treats an open run\'s CloseTime as NULL', () => {
      const open = executionRecord({ status: RUNNING });
      expect(matches('CloseTime IS NULL', open)).toBe(true);
      expect(matches('CloseTime IS NOT NULL', open)).toBe(false);
      expect(matches('CloseTime IS NOT NULL', closed)).toBe(true);
    });
  });

  describe('custom attributes by type', () => {
    const record = executionRecord({
      searchAttributes: {
        LunasDunningStage: 'suspended',
        LunasNote: 'Pelanggan minta perpanjangan, bayar Jumat',
        LunasOutstanding: 250_000,
        LunasScore: 0.75,
        LunasSuspended: true,
        LunasDueAt: new Date('2024-03-10T17:00:00Z'),
        LunasTags: ['mitra-bandung', 'fiber'],
      },
    });
    const bare = executionRecord();

    it('Keyword: exact, case-sensitive match', () => {
      expect(matches("LunasDunningStage = 'suspended'", record)).toBe(true);
      expect(matches("LunasDunningStage = 'Suspended'", record)).toBe(false);
      expect(matches("LunasDunningStage STARTS_WITH 'susp'", record)).toBe(true);
    });

    it('Text: matches when any token is shared, ignoring case and punctuation', () => {
      expect(matches("LunasNote = 'perpanjangan'", record)).toBe(true);
      expect(matches("LunasNote = 'JUMAT sabtu'", record)).toBe(true);
      expect(matches("LunasNote = 'perpanj'", record)).toBe(false);
      expect(matches("LunasNote != 'sabtu'", record)).toBe(true);
      expect(matches("LunasNote != 'bayar'", record)).toBe(false);
    });

    it('Int and Double: numeric comparisons across integer and decimal literals', () => {
      expect(matches('LunasOutstanding > 200000 AND LunasOutstanding <= 250000', record)).toBe(true);
      expect(matches('LunasOutstanding IN (1, 250000)', record)).toBe(true);
      expect(matches('LunasScore BETWEEN 0.5 AND 1', record)).toBe(true);
      expect(matches('LunasScore < -1', record)).toBe(false);
    });

    it('Bool: equality with true/false', () => {
      expect(matches('LunasSuspended = true', record)).toBe(true);
      expect(matches('LunasSuspended != TRUE', record)).toBe(false);
    });

    it('Datetime: compares instants', () => {
      expect(matches("LunasDueAt = '2024-03-11T00:00:00+07:00'", record)).toBe(true);
      expect(matches("LunasDueAt < '2024-03-11T00:00:01+07:00'", record)).toBe(true);
      expect(matches("LunasDueAt > '2024-03-11T00:00:01+07:00'", record)).toBe(false);
    });

    it('KeywordList: = and IN match any element, != and NOT IN match none', () => {
      expect(matches("LunasTags = 'fiber'", record)).toBe(true);
      expect(matches("LunasTags IN ('x', 'mitra-bandung')", record)).toBe(true);
      expect(matches("LunasTags != 'fiber'", record)).toBe(false);
      expect(matches("LunasTags NOT IN ('x', 'y')", record)).toBe(true);
      expect(matches("LunasTags != 'fiber'", bare)).toBe(true);
      expect(matches("LunasTags = 'fiber'", bare)).toBe(false);
    });

    it('follows SQL NULL logic for missing scalar values', () => {
      expect(matches("LunasDunningStage != 'suspended'", bare)).toBe(false);
      expect(matches("NOT LunasDunningStage = 'suspended'", bare)).toBe(false);
      expect(matches("LunasDunningStage NOT IN ('a')", bare)).toBe(false);
      expect(matches("LunasDunningStage = 'a' OR WorkflowId = 'wf-1'", bare)).toBe(true);
      expect(matches('LunasDunningStage IS NULL', bare)).toBe(true);
      expect(matches('LunasDunningStage IS NOT NULL', record)).toBe(true);
    });
  });

  describe('logic', () => {
    const record = executionRecord({ searchAttributes: { LunasDunningStage: 'reminder' } });

    it('combines AND, OR, NOT and parentheses', () => {
      expect(matches("(LunasDunningStage = 'reminder' OR LunasDunningStage = 'x') AND ExecutionStatus = 'Running'", record)).toBe(true);
      expect(matches("LunasDunningStage = 'x' OR LunasDunningStage = 'y' AND WorkflowId = 'wf-1'", record)).toBe(false);
      expect(matches("NOT (LunasDunningStage = 'x' OR WorkflowId = 'other')", record)).toBe(true);
    });

    it('matches everything with an empty query', () => {
      expect(matches('', record)).toBe(true);
    });
  });

  describe('errors worded like the server', () => {
    it.each([
      ["Unknown = 'x'", 'invalid query: invalid search attribute: Unknown'],
      ['ExecutionStatus = Running', 'invalid query: operation is not supported: column name on the right side of comparison expression (did you forget to quote "Running"?)'],
      ["ExecutionStatus = 'Sleeping'", "invalid query: invalid expression: invalid ExecutionStatus value 'Sleeping'"],
      ['ExecutionStatus = 42', 'invalid query: invalid expression: invalid ExecutionStatus value 42'],
      ["HistoryLength = 'ten'", 'invalid query: invalid expression: invalid value type for search attribute HistoryLength of type Int: "ten" (type: string)'],
      ['LunasDunningStage = 5', 'invalid query: invalid expression: invalid value type for search attribute LunasDunningStage of type Keyword: 5 (type: int64)'],
      ['LunasSuspended = 1', 'invalid query: invalid expression: invalid value type for search attribute LunasSuspended of type Bool: 1 (type: int64)'],
      ["LunasOutstanding = true", 'invalid query: invalid expression: invalid value type for search attribute LunasOutstanding of type Int: true (type: bool)'],
      ["StartTime > '2024-01-01'", "invalid query: invalid expression: unable to parse datetime '2024-01-01'"],
      ["LunasNote = '  '", 'invalid query: invalid expression: no tokens found filtering on Text type search attribute LunasNote'],
      ["LunasNote STARTS_WITH 'a'", "invalid query: operation is not supported: operator 'STARTS_WITH' not supported for Text type search attribute 'LunasNote'"],
      ["LunasTags > 'a'", "invalid query: operation is not supported: operator '>' not supported for KeywordList type search attribute 'LunasTags'"],
      ['HistoryLength STARTS_WITH 1', "invalid query: operation is not supported: operator 'STARTS_WITH' not supported for Int type search attribute 'HistoryLength'"],
      ["WorkflowId LIKE 'a%'", "invalid query: operation is not supported: operator 'LIKE' not supported for Keyword type search attribute 'WorkflowId'"],
      ["LunasNote BETWEEN 'a' AND 'b'", "invalid query: invalid expression: cannot do range condition on search attribute 'LunasNote' of type Text"],
      ["ExecutionDuration = 'soon'", 'invalid query: invalid expression: invalid duration value for search attribute ExecutionDuration: soon'],
      ["'x' = WorkflowId", 'invalid query: invalid expression: must be a column name but was *sqlparser.SQLVal'],
      ['WorkflowId', 'invalid query: invalid expression: incomplete expression'],
      ["WorkflowId = 'a' LIMIT 10", "invalid query: operation is not supported: 'LIMIT' clause"],
      ['ORDER BY LunasNote', 'invalid query: operation is not supported: unable to sort by search attribute type Text'],
      ['GROUP BY WorkflowType', "invalid query: operation is not supported: 'GROUP BY' clause is not supported for search attribute WorkflowType"],
      ['GROUP BY ExecutionStatus, WorkflowType', "invalid query: operation is not supported: 'GROUP BY' clause supports only a single field"],
    ])('refuses %p', (query, message) => {
      expect(compileError(query)).toBe(message);
    });

    it('answers INVALID_ARGUMENT', () => {
      expect(() => compileQuery("Nope = 'x'", 'default', registry)).toThrow(expect.objectContaining({ code: 3 }));
    });

    it('resolves custom attributes per namespace', () => {
      expect(() => compileQuery("LunasDunningStage = 'x'", 'other', registry)).toThrow('invalid search attribute: LunasDunningStage');
    });
  });

  describe('ordering', () => {
    const sortedRunIds = (query: string, records: ExecutionRecord[]) => {
      const compiled = compileQuery(query, 'default', registry);
      return [...records].sort(compiled.compare).map((r) => r.runId);
    };
    const at = (iso: string) => new Date(iso);
    const records = [
      executionRecord({ runId: 'closed-early', startTime: at('2024-01-01T00:00:00Z'), closeTime: at('2024-01-02T00:00:00Z'), status: COMPLETED, searchAttributes: { LunasOutstanding: 5 } }),
      executionRecord({ runId: 'closed-late', startTime: at('2024-01-01T00:00:00Z'), closeTime: at('2024-01-03T00:00:00Z'), status: COMPLETED }),
      executionRecord({ runId: 'open-old', startTime: at('2024-01-01T00:00:00Z'), searchAttributes: { LunasOutstanding: 9 } }),
      executionRecord({ runId: 'open-new-b', startTime: at('2024-01-05T00:00:00Z'), searchAttributes: { LunasOutstanding: 1 } }),
      executionRecord({ runId: 'open-new-a', startTime: at('2024-01-05T00:00:00Z'), searchAttributes: { LunasOutstanding: 1 } }),
    ];

    it('places a record against a page-token sort key as against the record itself', () => {
      for (const query of ['', 'ORDER BY LunasOutstanding DESC, StartTime']) {
        const compiled = compileQuery(query, 'default', registry);
        for (const a of records) {
          for (const b of records) {
            const key = JSON.parse(JSON.stringify(compiled.sortKey(b)));
            expect(Math.sign(compiled.compareToKey(a, key))).toBe(Math.sign(compiled.compare(a, b)));
          }
        }
      }
    });

    it('defaults to open runs first, newest CloseTime then StartTime, then RunId', () => {
      expect(sortedRunIds('', records)).toEqual(['open-new-a', 'open-new-b', 'open-old', 'closed-late', 'closed-early']);
    });

    it('orders by the given fields, missing values last, RunId breaking ties', () => {
      expect(sortedRunIds('ORDER BY LunasOutstanding', records)).toEqual(['open-new-a', 'open-new-b', 'closed-early', 'open-old', 'closed-late']);
      expect(sortedRunIds('ORDER BY LunasOutstanding DESC', records)).toEqual(['open-old', 'closed-early', 'open-new-a', 'open-new-b', 'closed-late']);
      expect(sortedRunIds('ORDER BY StartTime ASC, CloseTime DESC', records)).toEqual(['closed-late', 'closed-early', 'open-old', 'open-new-a', 'open-new-b']);
    });
  });
});
