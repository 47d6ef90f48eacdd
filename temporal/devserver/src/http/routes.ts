/**
 * The HTTP routes of gRPC services, read from their `google.api.http` annotations (the bindings the real
 * server's grpc-gateway and the Temporal UI server serve): every binding under `/api/v1` becomes a route to
 * its method, so a method is reachable over HTTP as soon as its proto declares a binding.
 */
import type { Method, Root, Type } from 'protobufjs';

const API_PREFIX = '/api/v1/';
const VERBS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Segment = { literal: string } | { field: string };

interface HttpRule {
  get?: string;
  post?: string;
  put?: string;
  patch?: string;
  delete?: string;
  body?: string;
  additional_bindings?: HttpRule | HttpRule[];
}

export interface Route {
  /** Fully qualified service name, e.g. `temporal.api.workflowservice.v1.WorkflowService`. */
  service: string;
  /** gRPC method name, e.g. `DescribeWorkflowExecution`. */
  method: string;
  httpMethod: string;
  /** The binding's path template, e.g. `/api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}`. */
  template: string;
  /** `*` (the whole request is the body), a top-level field name, or '' (no body: fields from the query). */
  body: string;
  requestType: Type;
  responseType: Type;
  segments: Segment[];
}

export interface RouteMatch {
  route: Route;
  /** Field path → decoded path segment. */
  pathParams: Record<string, string>;
}

/** Routes of the named services' `/api/v1` bindings, most specific (most literal segments) first. */
export function routesOf(root: Root, serviceNames: string[]): Route[] {
  const routes: Route[] = [];
  for (const serviceName of serviceNames) {
    const service = root.lookupService(serviceName);
    service.resolveAll();
    for (const method of service.methodsArray) {
      for (const rule of httpRules(method)) {
        for (const verb of VERBS) {
          const template = rule[verb];
          const segments = template?.startsWith(API_PREFIX) ? parseTemplate(template) : undefined;
          if (!template || !segments) continue;
          routes.push({
            service: serviceName,
            method: method.name,
            httpMethod: verb.toUpperCase(),
            template,
            body: rule.body ?? '',
            requestType: method.resolvedRequestType as Type,
            responseType: method.resolvedResponseType as Type,
            segments,
          });
        }
      }
    }
  }
  const literals = (route: Route) => route.segments.filter((s) => 'literal' in s).length;
  return routes.sort((a, b) => literals(b) - literals(a));
}

function httpRules(method: Method): HttpRule[] {
  const rules: HttpRule[] = [];
  for (const option of method.parsedOptions ?? []) {
    const rule = (option as Record<string, HttpRule>)['(google.api.http)'];
    if (!rule) continue;
    const additional = rule.additional_bindings;
    rules.push(rule, ...(Array.isArray(additional) ? additional : additional ? [additional] : []));
  }
  return rules;
}

/** Segments of `/a/{b.c}/d`; undefined for templates this router does not serve (multi-segment `**`, verbs). */
function parseTemplate(template: string): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const part of template.slice(1).split('/')) {
    const variable = /^\{([a-z0-9_.]+)(?:=\*)?\}$/.exec(part);
    if (variable) segments.push({ field: variable[1] });
    else if (/^[A-Za-z0-9_.-]+$/.test(part)) segments.push({ literal: part });
    else return undefined;
  }
  return segments;
}

/**
 * The route for a request. `rawSegments` are the path's segments still percent-encoded (a `%2F` inside a
 * workflow ID stays inside its segment); variables are decoded once, as the UI encodes them once. Throws
 * `URIError` on malformed percent-encoding.
 */
export function matchRoute(routes: Route[], httpMethod: string, rawSegments: string[]): { match?: RouteMatch; allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const pathParams = matchSegments(route.segments, rawSegments);
    if (!pathParams) continue;
    if (route.httpMethod === httpMethod) return { match: { route, pathParams }, allowed };
    allowed.push(route.httpMethod);
  }
  return { allowed };
}

function matchSegments(segments: Segment[], raw: string[]): Record<string, string> | undefined {
  if (segments.length !== raw.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if ('literal' in segment) {
      if (segment.literal !== raw[i]) return undefined;
    } else {
      if (raw[i] === '') return undefined;
      params[segment.field] = decodeURIComponent(raw[i]);
    }
  }
  return params;
}
