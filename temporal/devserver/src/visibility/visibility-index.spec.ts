import { searchAttributePayloadConverter } from '@temporalio/common/lib/converter/payload-search-attributes';
import { ExecutionRecord, WorkflowExecutionStatus } from './execution-record';
import { executionRecord, lunasRegistry } from './test-records';
import { VisibilityIndex } from './visibility-index';

const { WORKFLOW_EXECUTION_STATUS_RUNNING: RUNNING, WORKFLOW_EXECUTION_STATUS_COMPLETED: COMPLETED, WORKFLOW_EXECUTION_STATUS_FAILED: FAILED } =
  WorkflowExecutionStatus;

const STAGES = ['reminder', 'warning', 'suspended'];

/** Run i started i minutes after 2024-01-01; every third is completed, every fifth failed. */
function population(n: number): ExecutionRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const status = i % 5 === 0 ? FAILED : i % 3 === 0 ? COMPLETED : RUNNING;
    const startTime = new Date(Date.UTC(2024, 0, 1, 0, i));
    return executionRecord({
      workflowId: `wf-${i}`,
      runId: `run-${String(i).padStart(4, '0')}`,
      status,
      startTime,
      executionTime: startTime,
      closeTime: status === RUNNING ? undefined : new Date(startTime.getTime() + 3_600_000),
      searchAttributes: {
        LunasDunningStage: STAGES[i % 3],
        LunasOutstanding: i * 1000,
        LunasTags: i % 2 === 0 ? ['even'] : ['odd'],
      },
    });
  });
}

function indexOf(records: ExecutionRecord[]): VisibilityIndex {
  const index = new VisibilityIndex(lunasRegistry());
  records.forEach((r) => index.upsert(r));
  return index;
}

/** The reference answer: filter by brute force with a predicate written in plain TypeScript. */
function expectedRunIds(records: ExecutionRecord[], keep: (r: ExecutionRecord) => boolean): string[] {
  return records.filter(keep).map((r) => r.runId).sort();
}

function listAll(index: VisibilityIndex, query: string, pageSize: number): { runIds: string[]; pages: number } {
  const runIds: string[] = [];
  let token: Uint8Array | undefined;
  let pages = 0;
  do {
    const page = index.list({ namespace: 'default', query, pageSize, nextPageToken: token });
    runIds.push(...page.executions.map((e) => e.runId));
    token = page.nextPageToken.length ? page.nextPageToken : undefined;
    pages++;
  } while (token);
  return { runIds, pages };
}

describe(VisibilityIndex.name, () => {
  const records = population(60);
  const index = indexOf(records);

  describe('list', () => {
    it.each([
      ["LunasDunningStage = 'suspended' AND ExecutionStatus = 'Running'", (r: ExecutionRecord) => r.searchAttributes.LunasDunningStage === 'suspended' && r.status === RUNNING],
      ["LunasDunningStage IN ('reminder', 'warning') OR WorkflowId = 'wf-2'", (r: ExecutionRecord) => r.searchAttributes.LunasDunningStage !== 'suspended' || r.workflowId === 'wf-2'],
      ["LunasTags = 'even' AND LunasOutstanding > 30000", (r: ExecutionRecord) => (r.searchAttributes.LunasTags as string[])[0] === 'even' && (r.searchAttributes.LunasOutstanding as number) > 30000],
      ["ExecutionStatus = 'Failed' OR LunasOutstanding < 3000", (r: ExecutionRecord) => r.status === FAILED || (r.searchAttributes.LunasOutstanding as number) < 3000],
      ["NOT ExecutionStatus = 'Running'", (r: ExecutionRecord) => r.status !== RUNNING],
      ["WorkflowType = 'nope'", () => false],
    ])('answers %p like a brute-force filter', (query, keep) => {
      expect(listAll(index, query, 7).runIds.sort()).toEqual(expectedRunIds(records, keep));
    });

    it('pages in the default order without gaps or repeats', () => {
      const { runIds, pages } = listAll(index, '', 7);
      expect(pages).toBe(9);
      const open = records.filter((r) => r.status === RUNNING).sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
      const closeTime = (r: ExecutionRecord) => r.closeTime?.getTime() ?? 0;
      const closed = records.filter((r) => r.status !== RUNNING).sort((a, b) => closeTime(b) - closeTime(a));
      expect(runIds).toEqual([...open, ...closed].map((r) => r.runId));
    });

    it('pages in ORDER BY order', () => {
      const { runIds } = listAll(index, "ExecutionStatus = 'Running' ORDER BY LunasOutstanding DESC", 4);
      const expected = records
        .filter((r) => r.status === RUNNING)
        .sort((a, b) => (b.searchAttributes.LunasOutstanding as number) - (a.searchAttributes.LunasOutstanding as number))
        .map((r) => r.runId);
      expect(runIds).toEqual(expected);
    });

    it('gives an empty token on the last page, also when it is exactly full', () => {
      const page = index.list({ namespace: 'default', query: "WorkflowId IN ('wf-1', 'wf-2')", pageSize: 2 });
      expect(page.executions).toHaveLength(2);
      expect(page.nextPageToken).toHaveLength(0);
    });

    it('keeps paging stable when runs are added before the cursor', () => {
      const local = indexOf(population(10));
      const first = local.list({ namespace: 'default', pageSize: 3 });
      local.upsert(executionRecord({ runId: 'run-new', startTime: new Date('2030-01-01T00:00:00Z') }));
      const second = local.list({ namespace: 'default', pageSize: 3, nextPageToken: first.nextPageToken });
      const seen = [...first.executions, ...second.executions].map((e) => e.runId);
      expect(new Set(seen).size).toBe(6);
      expect(seen).not.toContain('run-new');
    });

    it('uses the maximum page size for 0 and for larger requests', () => {
      const small = new VisibilityIndex(lunasRegistry(), { maxPageSize: 5 });
      records.forEach((r) => small.upsert(r));
      expect(small.list({ namespace: 'default', pageSize: 0 }).executions).toHaveLength(5);
      expect(small.list({ namespace: 'default', pageSize: 500 }).executions).toHaveLength(5);
    });

    it('refuses a malformed page token and a GROUP BY', () => {
      expect(() => index.list({ namespace: 'default', nextPageToken: new Uint8Array([1, 2]) })).toThrow(
        'Unable to deserialize page token.',
      );
      expect(() => index.list({ namespace: 'default', query: 'GROUP BY ExecutionStatus' })).toThrow(
        "invalid query: operation is not supported: 'GROUP BY' clause",
      );
    });

    it('keeps namespaces apart', () => {
      const local = indexOf([executionRecord({ runId: 'a' }), executionRecord({ runId: 'b', namespace: 'other' })]);
      expect(local.list({ namespace: 'other', query: "WorkflowId = 'wf-1'" }).executions.map((e) => e.runId)).toEqual(['b']);
      expect(local.list({ namespace: 'default' }).executions.map((e) => e.runId)).toEqual(['a']);
    });
  });

  describe('index narrowing', () => {
    /** Records that count how often the query evaluator reads HistoryLength (no index covers it). */
    function countingRecords(n: number): { records: ExecutionRecord[]; reads: () => number } {
      let reads = 0;
      const records = population(n).map((record) => {
        const counted = { ...record };
        Object.defineProperty(counted, 'historyLength', { get: () => (reads++, record.historyLength) });
        return counted;
      });
      return { records, reads: () => reads };
    }

    it('evaluates only the candidates of the most selective indexed condition', () => {
      const { records: counted, reads } = countingRecords(300);
      const local = indexOf(counted);
      const result = local.count({
        namespace: 'default',
        query: "LunasDunningStage = 'suspended' AND WorkflowId IN ('wf-2', 'wf-5', 'wf-6') AND HistoryLength > 0",
      });
      expect(result.count).toBe(2);
      expect(reads()).toBe(2);
    });

    it('scans every run of the namespace when no condition is indexed', () => {
      const { records: counted, reads } = countingRecords(300);
      indexOf(counted).count({ namespace: 'default', query: 'HistoryLength > 0' });
      expect(reads()).toBe(300);
    });
  });

  describe('upsert and remove', () => {
    it('re-indexes a run whose attributes changed', () => {
      const local = indexOf([executionRecord({ runId: 'r', searchAttributes: { LunasDunningStage: 'reminder' } })]);
      local.upsert(executionRecord({ runId: 'r', searchAttributes: { LunasDunningStage: 'suspended' } }));
      expect(local.count({ namespace: 'default', query: "LunasDunningStage = 'reminder'" }).count).toBe(0);
      expect(local.count({ namespace: 'default', query: "LunasDunningStage = 'suspended'" }).count).toBe(1);
      expect(local.size).toBe(1);
    });

    it('forgets a removed run', () => {
      const local = indexOf([executionRecord({ runId: 'r' })]);
      expect(local.remove('r')).toBe(true);
      expect(local.remove('r')).toBe(false);
      expect(local.get('r')).toBeUndefined();
      expect(local.count({ namespace: 'default', query: "WorkflowId = 'wf-1'" }).count).toBe(0);
    });
  });

  describe('count', () => {
    it('counts matches', () => {
      expect(index.count({ namespace: 'default', query: "LunasDunningStage = 'suspended'" })).toEqual({ count: 20, groups: [] });
      expect(index.count({ namespace: 'default' }).count).toBe(60);
    });

    it('groups by ExecutionStatus with payloads the client decodes to status names', () => {
      const { count, groups } = index.count({ namespace: 'default', query: "LunasTags = 'even' GROUP BY ExecutionStatus" });
      const decoded = groups.map((g) => ({
        values: g.groupValues.map((p) => searchAttributePayloadConverter.fromPayload(p as never)),
        count: g.count,
      }));
      const even = records.filter((_, i) => i % 2 === 0);
      const tally = (status: number) => even.filter((r) => r.status === status).length;
      expect(count).toBe(30);
      expect(decoded).toEqual([
        { values: [['Running']], count: tally(RUNNING) },
        { values: [['Completed']], count: tally(COMPLETED) },
        { values: [['Failed']], count: tally(FAILED) },
      ]);
    });
  });
});
