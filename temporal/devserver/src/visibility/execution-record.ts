import { temporal } from '@temporalio/proto';

export type WorkflowExecutionStatus = temporal.api.enums.v1.WorkflowExecutionStatus;
export const WorkflowExecutionStatus = temporal.api.enums.v1.WorkflowExecutionStatus;

/** A decoded search attribute value (Keyword/Text: string, Int/Double: number, Datetime: Date …). */
export type SearchAttributeValue = string | number | boolean | Date | string[];

/** What visibility knows about one workflow run; the dev server may extend it with its own fields. */
export interface ExecutionRecord {
  namespace: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  status: WorkflowExecutionStatus;
  startTime: Date;
  executionTime: Date;
  closeTime?: Date;
  historyLength: number;
  historySizeBytes?: number;
  stateTransitionCount?: number;
  parentWorkflowId?: string;
  parentRunId?: string;
  rootWorkflowId?: string;
  rootRunId?: string;
  searchAttributes: Readonly<Record<string, SearchAttributeValue>>;
  memo?: unknown;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED]: 'Unspecified',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING]: 'Running',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED]: 'Completed',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED]: 'Failed',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED]: 'Canceled',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED]: 'Terminated',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW]: 'ContinuedAsNew',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT]: 'TimedOut',
  [WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_PAUSED]: 'Paused',
};

/** The status as the server names it in queries and GROUP BY results ("Running", "TimedOut" …). */
export function executionStatusName(status: WorkflowExecutionStatus): string {
  return STATUS_NAMES[status] ?? String(status);
}

/** Accepts the short name ("Running") or the enum name ("WORKFLOW_EXECUTION_STATUS_RUNNING"). */
export function executionStatusFromName(name: string): WorkflowExecutionStatus | undefined {
  for (const [value, short] of Object.entries(STATUS_NAMES)) {
    const status = Number(value) as WorkflowExecutionStatus;
    if (name === short || name === WorkflowExecutionStatus[status]) return status;
  }
  return undefined;
}

export function isKnownExecutionStatus(status: number): status is WorkflowExecutionStatus {
  return status in STATUS_NAMES;
}
