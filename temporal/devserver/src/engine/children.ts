/**
 * Child workflows and external signals/cancels. The commands write their "initiated" events in the workflow
 * task completion; the effect on the other workflow then happens at once (as the real server's transfer
 * task would, only sooner) and its outcome comes back to the initiator as a new event: child started or
 * start failed, external signaled / cancel requested or failed. A child's close is reported to its parent;
 * the parent's close applies each open child's parent close policy (TERMINATE, REQUEST_CANCEL, ABANDON).
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../errors';
import { enums, HistoryEvent, temporal } from '../proto';
import { ET, makeEvent } from '../state/events';
import { isOpen, Run } from '../state/run';
import type { Engine } from './engine';
import { mergePriority } from './priority';

type StartChildAttributes = temporal.api.command.v1.IStartChildWorkflowExecutionCommandAttributes;
type SignalExternalAttributes = temporal.api.command.v1.ISignalExternalWorkflowExecutionCommandAttributes;
type CancelExternalAttributes = temporal.api.command.v1.IRequestCancelExternalWorkflowExecutionCommandAttributes;
const Status = enums.WorkflowExecutionStatus;
const Policy = enums.ParentClosePolicy;

/** Deferred effect of a command, run after the task's commands are applied. */
export type Effect = () => void;

/** What differs between signalling and cancelling another workflow (see `Children.external`). */
interface ExternalRequest {
  namespace: string;
  execution: { workflowId: string; runId: string };
  control?: string | null;
  childWorkflowOnly?: boolean | null;
  initiated: { type: temporal.api.enums.v1.EventType; attributes: object };
  failed: { type: temporal.api.enums.v1.EventType; cause: number };
  /** Delivers the request to the open target; returns the initiator's outcome event. */
  deliver: (target: Run, initiatedEventId: number) => HistoryEvent;
}

export class Children {
  constructor(private readonly engine: Engine) {}

  /** StartChildWorkflowExecution command: the initiated event now, the child start as an effect. */
  start(parent: Run, a: StartChildAttributes, completedEventId: number): Effect {
    const e = this.engine;
    const namespace = a.namespace || parent.namespace;
    const taskQueue = { name: a.taskQueue?.name || parent.taskQueue, kind: enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL };
    const parentClosePolicy = a.parentClosePolicy || Policy.PARENT_CLOSE_POLICY_TERMINATE;
    const initiatedEventId = e.append(
      parent,
      makeEvent(ET.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, {
        namespace,
        namespaceId: e.namespaces.get(namespace).id,
        workflowId: a.workflowId,
        workflowType: a.workflowType,
        taskQueue,
        input: a.input,
        workflowExecutionTimeout: a.workflowExecutionTimeout,
        workflowRunTimeout: a.workflowRunTimeout,
        workflowTaskTimeout: a.workflowTaskTimeout,
        parentClosePolicy,
        workflowTaskCompletedEventId: completedEventId,
        workflowIdReusePolicy: a.workflowIdReusePolicy,
        retryPolicy: a.retryPolicy,
        cronSchedule: a.cronSchedule,
        header: a.header,
        memo: a.memo,
        searchAttributes: a.searchAttributes,
        priority: a.priority,
      }),
    );
    const child = { namespace, workflowId: a.workflowId ?? '', workflowType: a.workflowType?.name ?? '', parentClosePolicy };
    parent.children[initiatedEventId] = child;
    return () => {
      let runId: string;
      try {
        ({ runId } = e.lifecycle.start(
          {
            namespace,
            workflowId: a.workflowId,
            workflowType: a.workflowType,
            taskQueue,
            input: a.input,
            workflowExecutionTimeout: a.workflowExecutionTimeout,
            workflowRunTimeout: a.workflowRunTimeout,
            workflowTaskTimeout: a.workflowTaskTimeout,
            workflowIdReusePolicy: a.workflowIdReusePolicy,
            retryPolicy: a.retryPolicy,
            header: a.header,
            memo: a.memo,
            searchAttributes: a.searchAttributes,
            requestId: `${parent.runId}:${initiatedEventId}`,
            // The command's summary/details (on the initiated event) become the child's; unset priority fields are the parent's.
            userMetadata: parent.events[initiatedEventId - 1]?.userMetadata,
            priority: mergePriority(parent.priority, a.priority),
          },
          false,
          {
            namespace: parent.namespace,
            workflowId: parent.workflowId,
            runId: parent.runId,
            initiatedEventId,
            rootWorkflowId: parent.parent?.rootWorkflowId ?? parent.workflowId,
            rootRunId: parent.parent?.rootRunId ?? parent.runId,
          },
        ));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        delete parent.children[initiatedEventId];
        e.addExternalEvents(parent, [
          makeEvent(ET.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED, {
            namespace,
            workflowId: child.workflowId,
            workflowType: a.workflowType,
            cause: enums.StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
            initiatedEventId,
            workflowTaskCompletedEventId: completedEventId,
          }),
        ]);
        return;
      }
      parent.children[initiatedEventId] = { ...child, runId };
      e.addExternalEvents(parent, [
        makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED, {
          namespace,
          initiatedEventId,
          workflowExecution: { workflowId: child.workflowId, runId },
          workflowType: a.workflowType,
          header: a.header,
        }),
      ]);
    };
  }

  /** A child run closed for good (not continued): its parent learns how. */
  onChildClosed(child: Run, closeEvent: HistoryEvent): void {
    const ref = child.parent;
    const parent = ref && this.engine.runs.get(ref.runId);
    const record = parent?.children[ref?.initiatedEventId ?? 0];
    if (!ref || !parent || !record || !isOpen(parent)) return;
    delete parent.children[ref.initiatedEventId];
    const common = {
      namespace: record.namespace,
      workflowExecution: { workflowId: record.workflowId, runId: record.runId },
      workflowType: { name: record.workflowType },
      initiatedEventId: ref.initiatedEventId,
      startedEventId: startedEventIdOf(parent, ref.initiatedEventId),
    };
    const event = childCloseEvent(child.status, closeEvent, common);
    if (event) this.engine.addExternalEvents(parent, [event]);
  }

  /** The parent closed: each open child gets its parent close policy applied. */
  onParentClosed(parent: Run): void {
    const e = this.engine;
    for (const record of Object.values(parent.children)) {
      const child = record.runId ? e.currentRun(record.namespace, record.workflowId) : undefined;
      if (!child || !isOpen(child) || child.parent?.runId !== parent.runId) continue;
      if (record.parentClosePolicy === Policy.PARENT_CLOSE_POLICY_TERMINATE) {
        e.lifecycle.terminate(child, 'by parent close policy', null, '');
      } else if (record.parentClosePolicy === Policy.PARENT_CLOSE_POLICY_REQUEST_CANCEL) {
        e.lifecycle.requestCancel(child, 'by parent close policy', '');
      }
    }
    parent.children = {};
  }

  /** SignalExternalWorkflowExecution command. */
  signalExternal(run: Run, a: SignalExternalAttributes, completedEventId: number): Effect {
    const namespace = a.namespace || run.namespace;
    const execution = { workflowId: a.execution?.workflowId ?? '', runId: a.execution?.runId ?? '' };
    return this.external(run, completedEventId, {
      namespace,
      execution,
      control: a.control,
      childWorkflowOnly: a.childWorkflowOnly,
      initiated: {
        type: ET.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        attributes: { signalName: a.signalName, input: a.input, header: a.header },
      },
      failed: {
        type: ET.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
        cause: enums.SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
      },
      deliver: (target, initiatedEventId) => {
        this.engine.addExternalEvents(target, [
          makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
            signalName: a.signalName,
            input: a.input,
            header: a.header,
            identity: '',
            requestId: randomUUID(),
            externalWorkflowExecution: { workflowId: run.workflowId, runId: run.runId },
          }),
        ]);
        return makeEvent(ET.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, { initiatedEventId, namespace, workflowExecution: execution, control: a.control });
      },
    });
  }

  /** RequestCancelExternalWorkflowExecution command (also how SDKs cancel a child). */
  cancelExternal(run: Run, a: CancelExternalAttributes, completedEventId: number): Effect {
    const namespace = a.namespace || run.namespace;
    const execution = { workflowId: a.workflowId ?? '', runId: a.runId ?? '' };
    return this.external(run, completedEventId, {
      namespace,
      execution,
      control: a.control,
      childWorkflowOnly: a.childWorkflowOnly,
      initiated: { type: ET.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, attributes: { reason: a.reason } },
      failed: {
        type: ET.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
        cause: enums.CancelExternalWorkflowExecutionFailedCause.CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
      },
      deliver: (target, initiatedEventId) => {
        this.engine.lifecycle.requestCancel(target, a.reason ?? '', '', { initiatedEventId, execution: { workflowId: run.workflowId, runId: run.runId } });
        return makeEvent(ET.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED, { initiatedEventId, namespace, workflowExecution: execution });
      },
    });
  }

  /**
   * A signal or cancel of another workflow: the initiated event now; as an effect, delivery to the open target
   * and the initiator's outcome event, or the "failed: not found" event when there is no such open run.
   */
  private external(run: Run, completedEventId: number, request: ExternalRequest): Effect {
    const e = this.engine;
    const { namespace, execution, control, childWorkflowOnly } = request;
    const initiatedEventId = e.append(
      run,
      makeEvent(request.initiated.type, {
        workflowTaskCompletedEventId: completedEventId,
        namespace,
        namespaceId: e.namespaces.get(namespace).id,
        workflowExecution: execution,
        control,
        childWorkflowOnly,
        ...request.initiated.attributes,
      }),
    );
    return () => {
      const target = this.target(run, namespace, execution, childWorkflowOnly === true);
      const outcome = target
        ? request.deliver(target, initiatedEventId)
        : makeEvent(request.failed.type, {
            cause: request.failed.cause,
            workflowTaskCompletedEventId: completedEventId,
            namespace,
            workflowExecution: execution,
            initiatedEventId,
            control,
          });
      e.addExternalEvents(run, [outcome]);
    };
  }

  /** The open run a signal/cancel targets (a child of `run` when `childOnly`). */
  private target(run: Run, namespace: string, execution: { workflowId: string; runId: string }, childOnly: boolean): Run | undefined {
    const e = this.engine;
    const target = execution.runId ? e.runs.get(execution.runId) : e.currentRun(namespace, execution.workflowId);
    if (!target || !isOpen(target) || target.namespace !== namespace || target.workflowId !== execution.workflowId) return undefined;
    if (childOnly && target.parent?.runId !== run.runId) return undefined;
    return target;
  }
}

function startedEventIdOf(parent: Run, initiatedEventId: number): number {
  for (let i = parent.events.length - 1; i >= 0; i--) {
    const started = parent.events[i].childWorkflowExecutionStartedEventAttributes;
    if (started && Number(started.initiatedEventId) === initiatedEventId) return i + 1;
  }
  return 0;
}

function childCloseEvent(status: number, close: HistoryEvent, common: object): HistoryEvent | undefined {
  switch (status) {
    case Status.WORKFLOW_EXECUTION_STATUS_COMPLETED:
      return makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, { ...common, result: close.workflowExecutionCompletedEventAttributes?.result });
    case Status.WORKFLOW_EXECUTION_STATUS_FAILED:
      return makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED, {
        ...common,
        failure: close.workflowExecutionFailedEventAttributes?.failure,
        retryState: close.workflowExecutionFailedEventAttributes?.retryState,
      });
    case Status.WORKFLOW_EXECUTION_STATUS_CANCELED:
      return makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED, { ...common, details: close.workflowExecutionCanceledEventAttributes?.details });
    case Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
      return makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT, { ...common, retryState: close.workflowExecutionTimedOutEventAttributes?.retryState });
    case Status.WORKFLOW_EXECUTION_STATUS_TERMINATED:
      return makeEvent(ET.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED, common);
    default:
      return undefined;
  }
}
