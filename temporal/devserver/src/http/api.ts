/**
 * The Temporal UI's HTTP API under `/api/v1`: each request is routed by the services' `google.api.http`
 * bindings to a method, its request message is built from the path, query string and proto3 JSON body,
 * and the same handler the gRPC server uses answers it (proto3 JSON out). Besides those bindings, the UI
 * server's own `GET /api/v1/settings` and the raw history download `…/run/{runId}/history.json`.
 * Malformed input answers 400, unknown paths 404, unserved methods 501, all as `{ "code", "message" }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Root, Type } from 'protobufjs';
import type { UnaryHandler } from '../grpc/bind-service';
import { unimplemented } from '../errors';
import type { Logger } from '../logger';
import { fullHistory } from './derived-handlers';
import { badRequest, HttpError, httpErrorOf, notFound } from './http-errors';
import { httpCall } from './http-call';
import { JSONObject, JSONValue, messageFromJson, messageToJson, ProtoJsonError } from './proto-json';
import { setFieldFromText } from './request-fields';
import { matchRoute, Route, routesOf } from './routes';
import { uiSettings } from './settings';

/** Request bodies above 16 MiB are refused (413): UI bodies are small; payload-heavy calls belong on gRPC. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const API_PREFIX = '/api/v1/';
const HISTORY_JSON = /^namespaces\/([^/]+)\/workflows\/([^/]+)\/run\/([^/]+)\/history\.json$/;

export interface HttpApiOptions {
  root: Root;
  /** Fully qualified service name → the handlers its gRPC binding serves. */
  services: Record<string, Record<string, UnaryHandler>>;
  /** Namespace the UI opens first. */
  defaultNamespace: string;
  log: Logger;
}

export type HttpApi = (req: IncomingMessage, res: ServerResponse) => void;

export function httpApi(options: HttpApiOptions): HttpApi {
  const routes = routesOf(options.root, Object.keys(options.services));
  const historyType = options.root.lookupType('temporal.api.history.v1.History');

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<JSONValue> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = parseQuery(queryAt < 0 ? '' : url.slice(queryAt + 1));
    if (!path.startsWith(API_PREFIX)) throw notFound(`no API route for ${req.method} ${path}`);
    const rest = path.slice(API_PREFIX.length);

    if (rest === 'settings' && req.method === 'GET') return uiSettings(options.defaultNamespace) as JSONObject;
    const historyJson = req.method === 'GET' ? HISTORY_JSON.exec(rest) : null;
    if (historyJson) {
      const [namespace, workflowId, runId] = historyJson.slice(1).map(decodePathSegment);
      const handlers = options.services['temporal.api.workflowservice.v1.WorkflowService'];
      const events = await fullHistory(handlers, { namespace, execution: { workflowId, runId } }, httpCall(req, res));
      return messageToJson(historyType, { events });
    }

    const segments = path.slice(1).split('/');
    let found: ReturnType<typeof matchRoute>;
    try {
      found = matchRoute(routes, req.method ?? 'GET', segments);
    } catch {
      throw badRequest(`malformed path ${path}`);
    }
    if (!found.match) {
      if (found.allowed.length > 0) throw new HttpError(405, `${req.method} is not allowed on ${path} (allowed: ${found.allowed.join(', ')})`);
      throw notFound(`no API route for ${req.method} ${path}`);
    }
    const { route, pathParams } = found.match;
    const json = await requestJson(route, req, query, pathParams);
    const request = messageFromJson(route.requestType, json);
    const handler = options.services[route.service]?.[route.method];
    if (!handler) throw unimplemented(route.method);
    const response = await handler(request as never, httpCall(req, res));
    return messageToJson(route.responseType, response);
  }

  return (req, res) => {
    answer(req, res).then(
      (body) => send(res, 200, body),
      (error: unknown) => {
        const known = error instanceof ProtoJsonError ? badRequest(error.message) : httpErrorOf(error);
        if (!known) options.log.error(`HTTP ${req.method} ${req.url} failed`, error);
        const failure = known ?? new HttpError(500, `internal error: ${(error as Error)?.message ?? String(error)}`);
        send(res, failure.status, { code: failure.code, message: failure.message });
      },
    );
  };
}

/** The request's proto3 JSON: the body (all of it, or one field), query fields (when not all body), path fields. */
async function requestJson(route: Route, req: IncomingMessage, query: [string, string][], pathParams: Record<string, string>): Promise<JSONObject> {
  let json: JSONObject = {};
  if (route.body) {
    const body = await readJsonBody(req);
    if (route.body === '*') json = body;
    else json[route.requestType.fields[route.body]?.name ?? route.body] = body;
  }
  if (route.body !== '*') for (const [name, value] of query) setFieldFromText(route.requestType, json, name, value);
  for (const [name, value] of Object.entries(pathParams)) {
    if (!setFieldFromText(route.requestType as Type, json, name, value)) throw badRequest(`path field ${name} is not in ${route.requestType.name}`);
  }
  return json;
}

function parseQuery(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      pairs.push([decodeURIComponent(name.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))]);
    } catch {
      throw badRequest(`malformed query string: cannot decode "${part}"`);
    }
  }
  return pairs;
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`malformed path segment "${segment}"`);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<JSONObject> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(`malformed JSON body: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the JSON body must be an object');
  return body as JSONObject;
}

function send(res: ServerResponse, status: number, body: JSONValue): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}
