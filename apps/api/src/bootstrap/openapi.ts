import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../common/problem-details/problem';
import { ProblemDetailsDto } from '../common/problem-details/problem-details.dto';
import { documentMetricsRoute } from '../observability/metrics-route';
import { documentWebhookRoute } from '../webhooks/webhook-route';

const PROBLEM_REF = { $ref: `#/components/schemas/${ProblemDetailsDto.name}` };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The OpenAPI document served at `/api/docs`: every route of the Nest router, the webhook and metrics routes, and for every
 * operation its error answers as RFC 9457 problem details (the shared `ProblemDetailsDto` schema).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lunas API')
      .setDescription(
        'Billing and dunning for Indonesian ISPs and their mitra. Errors: RFC 9457 problem details (`application/problem+json`, ' +
          '`detail` in Bahasa Indonesia, `errors` naming invalid fields). Instants: ISO 8601 in Asia/Jakarta with the offset ' +
          '(`2026-02-04T06:00:00+07:00`); calendar dates `YYYY-MM-DD`; money in integer rupiah.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  documentWebhookRoute(document);
  documentMetricsRoute(document);
  documentProblems(document);
  return document;
}

/** Every error answer of every operation, declared or not, is problem details. */
function documentProblems(document: OpenAPIObject): void {
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } };
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[45]/.test(status) && response && 'description' in response) response.content = problem;
      }
      operation.responses['4XX'] ??= { description: 'Refused: problem details, `detail` in Indonesian', content: problem };
      operation.responses['5XX'] ??= { description: 'Fault or dependency unreachable (503 with Retry-After): problem details', content: problem };
    }
  }
}
