/**
 * GetWorkflowExecutionHistory: paging with opaque tokens, long poll for new events (`waitNewEvent`) and the
 * close-event filter the client uses to await a result.
 */
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { Engine } from '../engine/engine';
import { invalidArgument } from '../errors';
import { enums, wfs } from '../proto';
import { durableEvents, isOpen } from '../state/run';
import { waitUntil } from './long-poll';

/** Page size when the caller does not set one (the real server's default is 1000 events). */
export const DEFAULT_HISTORY_PAGE_SIZE = 1000;
/** How long a history long poll waits for new events before answering with a continuation token. */
export const HISTORY_LONG_POLL_MS = 20_000;

interface PageToken {
  r: string;
  n: number;
}

const encodePageToken = (token: PageToken) => Buffer.from(JSON.stringify(token));

function decodePageToken(bytes: Uint8Array | null | undefined): PageToken | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const token = JSON.parse(Buffer.from(bytes).toString('utf8')) as PageToken;
    if (typeof token.r === 'string' && Number.isInteger(token.n)) return token;
  } catch {
    // fall through
  }
  throw invalidArgument('invalid next page token');
}

export async function getHistory(
  engine: Engine,
  req: wfs.IGetWorkflowExecutionHistoryRequest,
  call: ServerUnaryCall<unknown, unknown>,
): Promise<wfs.IGetWorkflowExecutionHistoryResponse> {
  const namespace = engine.namespaces.get(req.namespace).name;
  const token = decodePageToken(req.nextPageToken);
  const run = engine.findRun(namespace, req.execution?.workflowId, token?.r ?? req.execution?.runId);
  const wait = (ready: () => boolean) =>
    waitUntil(ready, (listener) => engine.watchHistory(run.runId, listener), HISTORY_LONG_POLL_MS, call);

  if (req.historyEventFilterType === enums.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT) {
    if (isOpen(run) && req.waitNewEvent) await wait(() => !isOpen(run));
    if (isOpen(run)) return { history: { events: [] }, nextPageToken: req.waitNewEvent ? encodePageToken({ r: run.runId, n: 0 }) : undefined };
    return { history: { events: [run.events[run.events.length - 1]] } };
  }

  const from = token?.n ?? 0;
  if (req.waitNewEvent && isOpen(run) && from >= durableEvents(run).length) await wait(() => durableEvents(run).length > from || !isOpen(run));
  const history = durableEvents(run);
  const pageSize = req.maximumPageSize && req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_HISTORY_PAGE_SIZE;
  const events = history.slice(from, from + pageSize);
  const next = from + events.length;
  const more = next < history.length || (req.waitNewEvent === true && isOpen(run));
  return { history: { events }, nextPageToken: more ? encodePageToken({ r: run.runId, n: next }) : undefined, archived: false };
}
