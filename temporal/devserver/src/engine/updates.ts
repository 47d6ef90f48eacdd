/**
 * Workflow updates, as the real server runs them: an admitted update lives in memory only (no history) and
 * travels to the worker as a protocol message (`temporal.api.update.v1.Request`) on the next workflow task,
 * a speculative one when nothing else needs a task. The worker answers with Acceptance / Rejection / Response
 * messages; acceptance and response are sequenced by PROTOCOL_MESSAGE commands and become the
 * WorkflowExecutionUpdateAccepted / Completed events. A rejection leaves no trace: a speculative task that
 * carried nothing but rejections is dropped from history (the worker is told to roll back).
 */
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { invalidArgument, notFound, resourceExhausted } from '../errors';
import { enums, failure, int64, protocol, update } from '../proto';
import { ET, makeEvent } from '../state/events';
import { awaitsFirstWorkflowTask, isOpen, Run } from '../state/run';
import type { Engine } from './engine';

const Stage = enums.UpdateWorkflowExecutionLifecycleStage;
const ADMITTED = Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED;
const ACCEPTED = Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
const COMPLETED = Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED;

const TYPE_URL_PREFIX = 'type.googleapis.com/';
const REQUEST_TYPE = 'temporal.api.update.v1.Request';
const ACCEPTANCE_TYPE = 'temporal.api.update.v1.Acceptance';
const REJECTION_TYPE = 'temporal.api.update.v1.Rejection';
const RESPONSE_TYPE = 'temporal.api.update.v1.Response';

/** The real server's default limit on updates admitted or accepted but not yet completed, per workflow. */
export const MAX_IN_FLIGHT_UPDATES = 10;

/** Update calls wait at most this long for the requested stage, then answer with the stage reached (server default 20 s). */
export const UPDATE_LONG_POLL_MS = 20_000;

type Message = protocol.IMessage;
type Outcome = update.IOutcome;

export interface UpdateStatus {
  stage: number;
  outcome?: Outcome;
}

interface InFlightUpdate {
  updateId: string;
  request: update.IRequest;
  /** WorkflowTaskStarted id of the task that carried the request to the worker (undefined until sent). */
  sentInTask?: number;
}

interface Waiter {
  run: Run;
  updateId: string;
  stage: number;
  settle: (result: { status: UpdateStatus } | { error: unknown }) => void;
}

/** Outcome of an accepted update whose workflow closed before the update completed (the server's wording). */
function acceptedUpdateCompletedWorkflowFailure(): failure.IFailure {
  return {
    message: 'Workflow Update failed because the Workflow completed before the Update completed.',
    source: 'Server',
    applicationFailureInfo: { type: 'AcceptedUpdateCompletedWorkflow', nonRetryable: true },
  };
}

export function workflowCompleted(): Error {
  return notFound('workflow execution already completed');
}

function unpack<T>(message: Message, typeName: string, type: { decode(bytes: Uint8Array): T }): T | undefined {
  const body = message.body as { type_url?: string; value?: Uint8Array } | null | undefined;
  if (body?.type_url !== TYPE_URL_PREFIX + typeName) return undefined;
  return type.decode(body.value ?? new Uint8Array());
}

export class Updates {
  /** Admitted (maybe sent) updates not yet accepted, by run id then update id, in admission order. */
  private readonly inFlight = new Map<string, Map<string, InFlightUpdate>>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly engine: Engine) {}

  /** Validates an UpdateWorkflowExecution request's update part; returns the update id. */
  static validate(request: update.IRequest | null | undefined): string {
    const updateId = request?.meta?.updateId;
    if (!updateId) throw invalidArgument('Update ID is not set on request.');
    if (!request?.input?.name) throw invalidArgument('Update name is not set on request.');
    return updateId;
  }

  /**
   * UpdateWorkflowExecution: finds the update by id or admits it, then waits (up to `timeoutMs`) for the
   * requested stage. A duplicate id gets the same update's status.
   */
  async execute(run: Run, request: update.IRequest, waitStage: number, timeoutMs: number, call: ServerUnaryCall<unknown, unknown>) {
    const updateId = Updates.validate(request);
    if (!this.status(run, updateId)) {
      if (!isOpen(run)) throw workflowCompleted();
      this.checkInFlightLimit(run);
      this.admit(run, { updateId, request });
    }
    return this.wait(run, updateId, waitStage, timeoutMs, call);
  }

  /** A new update id is refused while the workflow has the limit's number of updates in flight (admitted or accepted). */
  private checkInFlightLimit(run: Run): void {
    let inFlight = this.inFlight.get(run.runId)?.size ?? 0;
    for (const record of Object.values(run.updates)) if (record.completedEventId === undefined) inFlight += 1;
    if (inFlight >= MAX_IN_FLIGHT_UPDATES) {
      throw resourceExhausted(
        `limit on number of concurrent in-flight updates has been reached (${MAX_IN_FLIGHT_UPDATES})`,
        enums.ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT,
        enums.ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
      );
    }
  }

  /** PollWorkflowExecutionUpdate: waits for the stage of an existing update. */
  async poll(run: Run, updateId: string, waitStage: number, timeoutMs: number, call: ServerUnaryCall<unknown, unknown>) {
    if (!this.status(run, updateId)) {
      if (!isOpen(run)) throw workflowCompleted();
      throw notFound(`update "${updateId}" not found`);
    }
    return this.wait(run, updateId, waitStage, timeoutMs, call);
  }

  /** The update's current status, or undefined when the run does not know it (never admitted, or rejected). */
  status(run: Run, updateId: string): UpdateStatus | undefined {
    const record = run.updates[updateId];
    if (record?.completedEventId !== undefined) {
      const event = run.events[record.completedEventId - 1];
      return { stage: COMPLETED, outcome: event.workflowExecutionUpdateCompletedEventAttributes?.outcome ?? {} };
    }
    if (record) {
      return isOpen(run) ? { stage: ACCEPTED } : { stage: COMPLETED, outcome: { failure: acceptedUpdateCompletedWorkflowFailure() } };
    }
    return this.inFlight.get(run.runId)?.has(updateId) ? { stage: ADMITTED } : undefined;
  }

  /** True when an admitted update still waits for a workflow task to carry it. */
  hasUnsent(run: Run): boolean {
    for (const u of this.inFlight.get(run.runId)?.values() ?? []) if (u.sentInTask === undefined) return true;
    return false;
  }

  /** Protocol messages for a starting workflow task: every update not yet accepted (re-sent after a failed task). */
  messagesFor(run: Run, startedEventId: number): Message[] {
    const messages: Message[] = [];
    for (const u of this.inFlight.get(run.runId)?.values() ?? []) {
      u.sentInTask = startedEventId;
      messages.push({
        id: `${u.updateId}/request`,
        protocolInstanceId: u.updateId,
        eventId: int64(startedEventId - 1),
        body: { type_url: TYPE_URL_PREFIX + REQUEST_TYPE, value: update.Request.encode(u.request).finish() } as never,
      });
    }
    return messages;
  }

  /** True when the worker's answer to a speculative task holds nothing but update rejections. */
  isRejectionOnly(commands: unknown[], messages: Message[]): boolean {
    return commands.length === 0 && messages.every((m) => unpack(m, REJECTION_TYPE, update.Rejection) !== undefined);
  }

  /**
   * Applies a PROTOCOL_MESSAGE command: the acceptance or response it points at becomes its history event.
   * Returns an error text for a command naming no (valid) message.
   */
  applyProtocolMessage(run: Run, message: Message | undefined): string | undefined {
    if (!message) return 'ProtocolMessageCommand refers to a message that is not in the request.';
    const updateId = message.protocolInstanceId ?? '';
    const acceptance = unpack(message, ACCEPTANCE_TYPE, update.Acceptance);
    if (acceptance) return this.accept(run, updateId, acceptance);
    const response = unpack(message, RESPONSE_TYPE, update.Response);
    if (response) return this.complete(run, updateId, response);
    return `ProtocolMessageCommand refers to an unsupported message body.`;
  }

  /**
   * After a completed workflow task: rejections (messages no command referred to) and updates the worker left
   * unanswered (rejected on its behalf, as the real server does) settle their callers.
   */
  afterTask(run: Run, messages: Message[], startedEventId: number): void {
    for (const message of messages) {
      const rejection = unpack(message, REJECTION_TYPE, update.Rejection);
      if (rejection) this.reject(run, message.protocolInstanceId ?? '', rejection.failure ?? { message: 'rejected' });
    }
    for (const u of [...(this.inFlight.get(run.runId)?.values() ?? [])]) {
      if (u.sentInTask === startedEventId) {
        this.reject(run, u.updateId, {
          message: "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.",
          source: 'Server',
        });
      }
    }
  }

  /**
   * The run closed: updates not yet accepted fail with NOT_FOUND (or, after continue-as-new, move to the new
   * run, as the server retries them there); accepted ones complete with the server's failure outcome.
   */
  onRunClosed(run: Run, newRun?: Run): void {
    const pending = this.inFlight.get(run.runId);
    this.inFlight.delete(run.runId);
    for (const u of pending?.values() ?? []) {
      if (newRun && isOpen(newRun)) {
        for (const w of this.waiters) if (w.run === run && w.updateId === u.updateId) w.run = newRun;
        this.admit(newRun, { updateId: u.updateId, request: u.request });
      } else {
        this.settle(run, u.updateId, { error: workflowCompleted() });
      }
    }
    for (const updateId of Object.keys(run.updates)) this.notify(run, updateId);
  }

  private admit(run: Run, u: InFlightUpdate): void {
    let updates = this.inFlight.get(run.runId);
    if (!updates) this.inFlight.set(run.runId, (updates = new Map()));
    updates.set(u.updateId, { updateId: u.updateId, request: u.request });
    if (run.wft) return;
    // During a first-task backoff (start delay) the update dispatches the first task at once; it is a normal task.
    if (awaitsFirstWorkflowTask(run)) this.engine.workflowTasks.scheduleNow(run);
    else this.engine.workflowTasks.schedule(run, true);
  }

  private accept(run: Run, updateId: string, acceptance: update.IAcceptance): string | undefined {
    if (run.updates[updateId]) return `Update ${updateId} is already accepted.`;
    const inFlight = this.inFlight.get(run.runId)?.get(updateId);
    // Resurrection: an update lost from memory is re-created from the request the worker sends back.
    const request = inFlight?.request ?? acceptance.acceptedRequest;
    if (!request) return `Update ${updateId} is not found.`;
    this.inFlight.get(run.runId)?.delete(updateId);
    const acceptedEventId = this.engine.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
        protocolInstanceId: updateId,
        acceptedRequestMessageId: acceptance.acceptedRequestMessageId,
        acceptedRequestSequencingEventId: acceptance.acceptedRequestSequencingEventId,
        acceptedRequest: request,
      }),
    );
    run.updates[updateId] = { acceptedEventId };
    this.notify(run, updateId);
    return undefined;
  }

  private complete(run: Run, updateId: string, response: update.IResponse): string | undefined {
    const record = run.updates[updateId];
    if (!record) return `Update ${updateId} is not accepted.`;
    if (record.completedEventId !== undefined) return `Update ${updateId} is already completed.`;
    record.completedEventId = this.engine.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, {
        meta: response.meta ?? { updateId },
        acceptedEventId: record.acceptedEventId,
        outcome: response.outcome,
      }),
    );
    this.notify(run, updateId);
    return undefined;
  }

  private reject(run: Run, updateId: string, rejection: failure.IFailure): void {
    if (!this.inFlight.get(run.runId)?.delete(updateId)) return;
    this.settle(run, updateId, { status: { stage: COMPLETED, outcome: { failure: rejection } } });
  }

  private wait(run: Run, updateId: string, stage: number, timeoutMs: number, call: ServerUnaryCall<unknown, unknown>) {
    // An unspecified stage waits for acceptance, like the server.
    const target = stage || ACCEPTED;
    return new Promise<{ run: Run; status: UpdateStatus }>((resolve, reject) => {
      const waiter: Waiter = {
        run,
        updateId,
        stage: target,
        settle: (result) => {
          clearTimeout(timer);
          call.removeListener('cancelled', onTimeout);
          this.waiters.delete(waiter);
          if ('error' in result) reject(result.error);
          else resolve({ run: waiter.run, status: result.status });
        },
      };
      const onTimeout = () => waiter.settle({ status: this.status(waiter.run, updateId) ?? { stage: ADMITTED } });
      const timer = setTimeout(onTimeout, timeoutMs);
      call.on('cancelled', onTimeout);
      this.waiters.add(waiter);
      this.notify(run, updateId);
    });
  }

  /** Settles the waiters of the update whose stage is now reached. */
  private notify(run: Run, updateId: string): void {
    const status = this.status(run, updateId);
    if (!status) return;
    for (const w of [...this.waiters]) {
      if (w.run === run && w.updateId === updateId && status.stage >= w.stage) w.settle({ status });
    }
  }

  private settle(run: Run, updateId: string, result: { status: UpdateStatus } | { error: unknown }): void {
    for (const w of [...this.waiters]) if (w.run === run && w.updateId === updateId) w.settle(result);
  }
}
