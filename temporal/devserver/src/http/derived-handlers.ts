/**
 * WorkflowService methods the UI calls that are derived from other handlers when the service does not
 * implement them itself: DescribeTaskQueue (from the poller registry) and GetWorkflowExecutionHistoryReverse
 * (the forward history, newest first).
 */
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { UnaryHandler } from '../grpc/bind-service';
import { invalidArgument } from '../errors';
import { num, wfs } from '../proto';
import type { HistoryEvent } from '../proto';
import { PollerRegistry } from './pollers';

/** Page size of reverse history when the caller sets none (the real server's default, 1000 events). */
export const DEFAULT_REVERSE_PAGE_SIZE = 1000;

type Call = ServerUnaryCall<unknown, unknown>;
type Handler<Req, Res> = (req: Req, call: Call) => Promise<Res> | Res;

/** `handlers` plus derived ones for the methods it lacks; the service's own handlers always win. */
export function withDerivedHandlers(handlers: Record<string, UnaryHandler>, pollers: PollerRegistry): Record<string, UnaryHandler> {
  const derived: Record<string, Handler<never, object>> = {
    DescribeTaskQueue: (req: wfs.IDescribeTaskQueueRequest) => pollers.describe(req),
    GetWorkflowExecutionHistoryReverse: (req: wfs.IGetWorkflowExecutionHistoryReverseRequest, call: Call) => reverseHistory(handlers, req, call),
  };
  return { ...(derived as Record<string, UnaryHandler>), ...handlers };
}

/** Every event of a run, oldest first, read page by page through GetWorkflowExecutionHistory. */
export async function fullHistory(
  handlers: Record<string, UnaryHandler>,
  req: { namespace?: string | null; execution?: { workflowId?: string | null; runId?: string | null } | null },
  call: Call,
): Promise<HistoryEvent[]> {
  const getHistory = handlers['GetWorkflowExecutionHistory'] as unknown as Handler<wfs.IGetWorkflowExecutionHistoryRequest, wfs.IGetWorkflowExecutionHistoryResponse>;
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | null | undefined;
  do {
    const page = await getHistory({ namespace: req.namespace, execution: req.execution, nextPageToken, waitNewEvent: false }, call);
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken && nextPageToken.length > 0);
  return events;
}

interface ReverseToken {
  /** Run ID the paging is pinned to. */
  r: string;
  /** Next page holds events with IDs below this one. */
  b: number;
}

async function reverseHistory(
  handlers: Record<string, UnaryHandler>,
  req: wfs.IGetWorkflowExecutionHistoryReverseRequest,
  call: Call,
): Promise<wfs.IGetWorkflowExecutionHistoryReverseResponse> {
  const token = decodeToken(req.nextPageToken);
  const workflowId = req.execution?.workflowId;
  const runId = token?.r ?? (await runIdOf(handlers, req.namespace, { workflowId, runId: req.execution?.runId }, call));
  const events = await fullHistory(handlers, { namespace: req.namespace, execution: { workflowId, runId } }, call);
  const before = token?.b ?? Infinity;
  const pageSize = req.maximumPageSize && req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_REVERSE_PAGE_SIZE;
  const older = events.filter((event) => num(event.eventId) < before).reverse();
  const page = older.slice(0, pageSize);
  const more = older.length > page.length;
  return {
    history: { events: page },
    nextPageToken: more ? Buffer.from(JSON.stringify({ r: runId, b: num(page[page.length - 1].eventId) } satisfies ReverseToken)) : undefined,
  };
}

async function runIdOf(
  handlers: Record<string, UnaryHandler>,
  namespace: string | null | undefined,
  execution: { workflowId?: string | null; runId?: string | null },
  call: Call,
): Promise<string> {
  if (execution.runId) return execution.runId;
  const describe = handlers['DescribeWorkflowExecution'] as unknown as Handler<wfs.IDescribeWorkflowExecutionRequest, wfs.IDescribeWorkflowExecutionResponse>;
  const description = await describe({ namespace, execution }, call);
  return description.workflowExecutionInfo?.execution?.runId ?? '';
}

function decodeToken(bytes: Uint8Array | null | undefined): ReverseToken | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const token = JSON.parse(Buffer.from(bytes).toString('utf8')) as ReverseToken;
    if (typeof token.r === 'string' && Number.isInteger(token.b)) return token;
  } catch {
    // fall through
  }
  throw invalidArgument('invalid next page token');
}
