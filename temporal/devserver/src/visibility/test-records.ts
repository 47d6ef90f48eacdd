import { ExecutionRecord, WorkflowExecutionStatus } from './execution-record';
import { IndexedValueType, SearchAttributeRegistry } from './search-attributes';

/** Test fixture: a run of namespace "default" started 2024-01-01 (override anything). */
export function executionRecord(overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    namespace: 'default',
    workflowId: 'wf-1',
    runId: 'run-1',
    workflowType: 'dunningWorkflow',
    taskQueue: 'dunning',
    status: WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
    startTime: new Date('2024-01-01T00:00:00Z'),
    executionTime: new Date('2024-01-01T00:00:00Z'),
    historyLength: 3,
    searchAttributes: {},
    ...overrides,
  };
}

/** Test fixture: a registry with one custom attribute of every type in namespace "default". */
export function lunasRegistry(): SearchAttributeRegistry {
  const registry = new SearchAttributeRegistry();
  registry.add('default', {
    LunasDunningStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    LunasNote: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
    LunasOutstanding: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    LunasScore: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
    LunasSuspended: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    LunasDueAt: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    LunasTags: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  });
  return registry;
}
