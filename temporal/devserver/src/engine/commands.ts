/**
 * Workflow task commands → history events, as the real server records them.
 */
import { enums, msFromDur, protocol, temporal } from '../proto';
import { ET, makeEvent } from '../state/events';
import { Run } from '../state/run';
import type { Effect } from './children';
import type { Engine } from './engine';

type Command = temporal.api.command.v1.ICommand;
const CT = enums.CommandType;
const Cause = enums.WorkflowTaskFailedCause;

export interface InvalidCommand {
  cause: number;
  message: string;
}

/** Checks every command before any is applied, so a bad task leaves no partial effects. */
export function validateCommands(e: Engine, run: Run, commands: Command[], messages: ReadonlyMap<string, protocol.IMessage>): InvalidCommand | undefined {
  const newTimers = new Set<string>();
  const newActivities = new Set<string>();
  const pendingActivityIds = new Set(Object.values(run.activities).map((a) => a.activityId));
  for (const command of commands) {
    switch (command.commandType) {
      case CT.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK: {
        const a = command.scheduleActivityTaskCommandAttributes;
        const id = a?.activityId ?? '';
        if (!a || !id || !a.activityType?.name) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES, message: 'ActivityId or ActivityType is not set on ScheduleActivityTaskCommand.' };
        }
        if (!msFromDur(a.startToCloseTimeout) && !msFromDur(a.scheduleToCloseTimeout)) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES, message: 'A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTaskCommand.' };
        }
        if (pendingActivityIds.has(id) || newActivities.has(id)) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID, message: `Activity ID "${id}" is already in use.` };
        }
        newActivities.add(id);
        break;
      }
      case CT.COMMAND_TYPE_START_TIMER: {
        const id = command.startTimerCommandAttributes?.timerId ?? '';
        if (!id || msFromDur(command.startTimerCommandAttributes?.startToFireTimeout) <= 0) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES, message: 'A valid TimerId and StartToFireTimeout are required on StartTimerCommand.' };
        }
        if (run.timers[id] || newTimers.has(id)) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID, message: `Timer ID "${id}" is already in use.` };
        }
        newTimers.add(id);
        break;
      }
      case CT.COMMAND_TYPE_PROTOCOL_MESSAGE: {
        const id = command.protocolMessageCommandAttributes?.messageId ?? '';
        if (!messages.has(id)) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_UPDATE_WORKFLOW_EXECUTION_MESSAGE, message: `ProtocolMessageCommand refers to message "${id}" that is not in the request.` };
        }
        break;
      }
      case CT.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION: {
        const a = command.startChildWorkflowExecutionCommandAttributes;
        if (!a?.workflowId || !a.workflowType?.name) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES, message: 'Required field WorkflowId or WorkflowType is not set on command.' };
        }
        const problem = e.visibility.upsertProblem(a.namespace || run.namespace, a.searchAttributes?.indexedFields);
        if (problem) return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES, message: problem };
        break;
      }
      case CT.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
        if (!command.signalExternalWorkflowExecutionCommandAttributes?.execution?.workflowId) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES, message: 'WorkflowId is not set on command.' };
        }
        break;
      case CT.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
        if (!command.requestCancelExternalWorkflowExecutionCommandAttributes?.workflowId) {
          return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_ATTRIBUTES, message: 'WorkflowId is not set on command.' };
        }
        break;
      case CT.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK:
      case CT.COMMAND_TYPE_CANCEL_TIMER:
      case CT.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION:
      case CT.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION:
      case CT.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION:
      case CT.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
      case CT.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = command.upsertWorkflowSearchAttributesCommandAttributes?.searchAttributes?.indexedFields;
        const problem = e.visibility.upsertProblem(run.namespace, fields);
        if (problem) return { cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES, message: problem };
        break;
      }
      case CT.COMMAND_TYPE_RECORD_MARKER:
      case CT.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES:
        break;
      default:
        return {
          cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
          message: `command ${CT[command.commandType as number] ?? command.commandType} is not supported by the Lunas dev server`,
        };
    }
  }
  return undefined;
}

/** What commands of one workflow task share: its completed event, its protocol messages, deferred effects. */
export interface TaskContext {
  completedEventId: number;
  messages: ReadonlyMap<string, protocol.IMessage>;
  /** Effects on other workflows, run once every command of the task is applied. */
  effects: Effect[];
  /** Activities scheduled for eager execution (ScheduledEvent ids): started for the worker after the task. */
  eagerActivities: number[];
}

/**
 * Applies one (validated) command; the command's user metadata (summary/details) goes on the first event it writes,
 * as the real server carries it (timer started, activity scheduled, child initiated...). Returns true when the
 * command requires a new workflow task.
 */
export function applyCommand(e: Engine, run: Run, command: Command, task: TaskContext): boolean {
  const firstEventId = run.nextEventId;
  const needsTask = applyCommandEvents(e, run, command, task);
  if (command.userMetadata && run.nextEventId > firstEventId) run.events[firstEventId - 1].userMetadata = command.userMetadata;
  return needsTask;
}

function applyCommandEvents(e: Engine, run: Run, command: Command, task: TaskContext): boolean {
  const { completedEventId, messages } = task;
  switch (command.commandType) {
    case CT.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION:
      task.effects.push(e.children.start(run, command.startChildWorkflowExecutionCommandAttributes ?? {}, completedEventId));
      return false;
    case CT.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
      task.effects.push(e.children.signalExternal(run, command.signalExternalWorkflowExecutionCommandAttributes ?? {}, completedEventId));
      return false;
    case CT.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
      task.effects.push(e.children.cancelExternal(run, command.requestCancelExternalWorkflowExecutionCommandAttributes ?? {}, completedEventId));
      return false;
    case CT.COMMAND_TYPE_PROTOCOL_MESSAGE: {
      const problem = e.updates.applyProtocolMessage(run, messages.get(command.protocolMessageCommandAttributes?.messageId ?? ''));
      if (problem) e.log.warn(`workflow ${run.workflowId}: ${problem}`);
      return false;
    }
    case CT.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK: {
      const a = command.scheduleActivityTaskCommandAttributes ?? {};
      const eager = a.requestEagerExecution === true;
      const scheduledEventId = e.activities.schedule(run, a, completedEventId, !eager);
      if (eager) task.eagerActivities.push(scheduledEventId);
      return false;
    }
    case CT.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK:
      return e.activities.requestCancel(run, Number(command.requestCancelActivityTaskCommandAttributes?.scheduledEventId ?? 0), completedEventId);
    case CT.COMMAND_TYPE_START_TIMER: {
      const a = command.startTimerCommandAttributes ?? {};
      const timerId = a.timerId ?? '';
      const startedEventId = e.append(
        run,
        makeEvent(ET.EVENT_TYPE_TIMER_STARTED, { timerId, startToFireTimeout: a.startToFireTimeout, workflowTaskCompletedEventId: completedEventId }),
      );
      run.timers[timerId] = { startedEventId, fireAt: e.now() + msFromDur(a.startToFireTimeout) };
      return false;
    }
    case CT.COMMAND_TYPE_CANCEL_TIMER: {
      const timerId = command.cancelTimerCommandAttributes?.timerId ?? '';
      const timer = run.timers[timerId];
      if (!timer) return false;
      delete run.timers[timerId];
      e.append(
        run,
        makeEvent(ET.EVENT_TYPE_TIMER_CANCELED, { timerId, startedEventId: timer.startedEventId, workflowTaskCompletedEventId: completedEventId }),
      );
      return false;
    }
    case CT.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION:
      e.lifecycle.complete(run, command.completeWorkflowExecutionCommandAttributes ?? {}, completedEventId);
      return false;
    case CT.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION:
      e.lifecycle.fail(run, command.failWorkflowExecutionCommandAttributes ?? {}, completedEventId);
      return false;
    case CT.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION:
      e.lifecycle.cancel(run, command.cancelWorkflowExecutionCommandAttributes ?? {}, completedEventId);
      return false;
    case CT.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
      e.lifecycle.continueAsNew(run, command.continueAsNewWorkflowExecutionCommandAttributes ?? {}, completedEventId);
      return false;
    case CT.COMMAND_TYPE_RECORD_MARKER: {
      const a = command.recordMarkerCommandAttributes ?? {};
      e.append(
        run,
        makeEvent(ET.EVENT_TYPE_MARKER_RECORDED, {
          markerName: a.markerName,
          details: a.details,
          header: a.header,
          failure: a.failure,
          workflowTaskCompletedEventId: completedEventId,
        }),
      );
      return false;
    }
    case CT.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
      const searchAttributes = command.upsertWorkflowSearchAttributesCommandAttributes?.searchAttributes ?? {};
      e.append(run, makeEvent(ET.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, { searchAttributes, workflowTaskCompletedEventId: completedEventId }));
      mergeFields(run.searchAttributes, e.visibility.typed(run.namespace, searchAttributes.indexedFields));
      return false;
    }
    case CT.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES: {
      const upsertedMemo = command.modifyWorkflowPropertiesCommandAttributes?.upsertedMemo ?? {};
      e.append(run, makeEvent(ET.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, { upsertedMemo, workflowTaskCompletedEventId: completedEventId }));
      mergeFields(run.memo, upsertedMemo.fields ?? {});
      return false;
    }
    default:
      return false;
  }
}

/** Upsert semantics: empty data, `null` or `[]` removes the key (how SDKs unset search attributes). */
function mergeFields(target: Record<string, temporal.api.common.v1.IPayload>, updates: Record<string, temporal.api.common.v1.IPayload>): void {
  for (const [key, payload] of Object.entries(updates)) {
    if (isUnset(payload)) delete target[key];
    else target[key] = payload;
  }
}

function isUnset(payload: temporal.api.common.v1.IPayload): boolean {
  const text = Buffer.from(payload.data ?? []).toString('utf8');
  return text === '' || text === 'null' || text === '[]';
}
