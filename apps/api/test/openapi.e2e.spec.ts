import request from 'supertest';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DECORATORS, type OpenAPIObject, type OperationObject, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { startTestApp, type TestApp } from './test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/ProblemDetailsDto';

interface Route {
  operationId: string;
  takesBody: boolean;
}

/** Every documented controller route of the running app, with whether its handler reads a request body. */
function documentedRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller || Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller)?.[0]) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
        routes.push({ operationId: `${controller.name}_${name}`, takesBody: Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY)) });
      }
    }
  }
  return routes;
}

/** A schema that says something: a reference, properties, items or a composition (not a bare `{}` or `object`). */
function isDescribed(schema: SchemaObject | ReferenceObject | undefined): boolean {
  if (!schema) return false;
  if ('$ref' in schema) return true;
  return Boolean(schema.properties || schema.items || schema.oneOf || schema.allOf || schema.anyOf || (schema.type && schema.type !== 'object'));
}

describe('OpenAPI document (completeness)', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let operations: Map<string, { path: string; method: string; operation: OperationObject }>;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    operations = new Map();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) operations.set(operation.operationId ?? `${method} ${path}`, { path, method, operation });
      }
    }
  });
  afterAll(async () => t.close());

  it('documents every route of the router', () => {
    const routes = documentedRoutes(t);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((route) => route.operationId).filter((id) => !operations.has(id))).toEqual([]);
  });

  it('gives every operation a response schema for its success status (204 has no body)', () => {
    const missing = [...operations.values()].flatMap(({ path, method, operation }) => {
      const success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status)).sort()[0];
      if (!success) return [`${method.toUpperCase()} ${path}: no success response`];
      if (success === '204') return [];
      const response = operation.responses[success] as { content?: Record<string, { schema?: SchemaObject | ReferenceObject }> };
      const described = Object.values(response.content ?? {}).some((media) => isDescribed(media.schema));
      return described ? [] : [`${method.toUpperCase()} ${path}: ${success} without a schema`];
    });
    expect(missing).toEqual([]);
  });

  it('gives every route that reads a body a request schema', () => {
    const missing = documentedRoutes(t)
      .filter((route) => route.takesBody)
      .filter(({ operationId }) => {
        const body = operations.get(operationId)?.operation.requestBody as { content?: Record<string, { schema?: SchemaObject | ReferenceObject }> } | undefined;
        return !Object.values(body?.content ?? {}).some((media) => isDescribed(media.schema));
      })
      .map((route) => route.operationId);
    expect(missing).toEqual([]);
  });

  it('answers every error of every operation with the shared problem details schema', () => {
    expect(document.components?.schemas?.['ProblemDetailsDto']).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']) });
    const wrong = [...operations.values()].flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .filter(([, response]) => (response as { content?: Record<string, { schema?: ReferenceObject }> }).content?.['application/problem+json']?.schema?.$ref !== PROBLEM_REF)
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    );
    expect(wrong).toEqual([]);
    for (const { operation } of operations.values()) expect(operation.responses).toHaveProperty('4XX');
  });
});
