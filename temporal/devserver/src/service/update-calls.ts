/**
 * UpdateWorkflowExecution, PollWorkflowExecutionUpdate and update-with-start (ExecuteMultiOperation with a
 * start and an update), on the engine's {@link Updates}. Answers wait for the journal, so a reported stage
 * is durable.
 */
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { Engine } from '../engine/engine';
import { UPDATE_LONG_POLL_MS } from '../engine/updates';
import { invalidArgument, workflowNotFound } from '../errors';
import { enums, wfs } from '../proto';
import { Run } from '../state/run';
import { pollWindow } from './long-poll';

type Call = ServerUnaryCall<unknown, unknown>;

function findRun(engine: Engine, namespace: string | null | undefined, execution: { workflowId?: string | null; runId?: string | null } | null | undefined): Run {
  if (!execution?.workflowId) throw invalidArgument('WorkflowId is not set on request.');
  return engine.findRun(engine.namespaces.get(namespace).name, execution.workflowId, execution.runId);
}

async function runUpdate(engine: Engine, run: Run, req: wfs.IUpdateWorkflowExecutionRequest, call: Call): Promise<wfs.IUpdateWorkflowExecutionResponse> {
  if (req.firstExecutionRunId && run.firstRunId !== req.firstExecutionRunId) throw workflowNotFound(run.workflowId, req.firstExecutionRunId);
  const request = req.request ?? {};
  const waitStage = req.waitPolicy?.lifecycleStage ?? 0;
  const result = await engine.updates.execute(run, request, waitStage, pollWindow(call, UPDATE_LONG_POLL_MS), call);
  await engine.commit();
  return {
    updateRef: { workflowExecution: { workflowId: result.run.workflowId, runId: result.run.runId }, updateId: request.meta?.updateId },
    stage: result.status.stage,
    outcome: result.status.outcome,
  };
}

export function updateWorkflow(engine: Engine, req: wfs.IUpdateWorkflowExecutionRequest, call: Call): Promise<wfs.IUpdateWorkflowExecutionResponse> {
  return runUpdate(engine, findRun(engine, req.namespace, req.workflowExecution), req, call);
}

export async function pollUpdate(engine: Engine, req: wfs.IPollWorkflowExecutionUpdateRequest, call: Call): Promise<wfs.IPollWorkflowExecutionUpdateResponse> {
  const run = findRun(engine, req.namespace, req.updateRef?.workflowExecution);
  const updateId = req.updateRef?.updateId;
  if (!updateId) throw invalidArgument('Update ID is not set on request.');
  const waitStage = req.waitPolicy?.lifecycleStage || enums.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED;
  const result = await engine.updates.poll(run, updateId, waitStage, pollWindow(call, UPDATE_LONG_POLL_MS), call);
  return {
    updateRef: { workflowExecution: { workflowId: result.run.workflowId, runId: result.run.runId }, updateId },
    stage: result.status.stage,
    outcome: result.status.outcome,
  };
}

/** Update-with-start: the start (with its conflict policy) then the update on the resulting run. */
export async function executeMultiOperation(engine: Engine, req: wfs.IExecuteMultiOperationRequest, call: Call): Promise<wfs.IExecuteMultiOperationResponse> {
  const [first, second, ...rest] = req.operations ?? [];
  const start = first?.startWorkflow;
  const update = second?.updateWorkflow;
  if (!start || !update || rest.length > 0) throw invalidArgument('Operations have to be exactly [Start, Update].');
  if (update.workflowExecution?.runId) throw invalidArgument('RunId is not allowed in the update of an update-with-start.');
  if (update.workflowExecution?.workflowId && update.workflowExecution.workflowId !== start.workflowId) {
    throw invalidArgument('WorkflowId is not consistent with the start operation.');
  }
  const namespace = req.namespace ?? start.namespace;
  const { runId, started } = engine.lifecycle.start({ ...start, namespace }, false);
  const run = engine.findRun(engine.namespaces.get(namespace).name, start.workflowId, runId);
  const updateResponse = await runUpdate(engine, run, { ...update, namespace }, call);
  return {
    responses: [
      { startWorkflow: { runId, started, status: enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING } },
      { updateWorkflow: updateResponse },
    ],
  };
}
