import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, map, mergeMap, type Observable, of, throwError } from 'rxjs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { IDEMPOTENCY_KEY_TTL_HOURS, IdempotencyKeys, type IdempotencyScope } from './idempotency-keys';
import { renderInstants } from '../instants/render-instants';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that is a replay of the first request's answer. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Letters, digits and `._:-`, 8–255 characters: a UUID, a ULID or an order number fit. */
const KEY_FORMAT = /^[A-Za-z0-9._:-]{8,255}$/;

export const INVALID_KEY =
  'Header Idempotency-Key harus 8–255 karakter berupa huruf, angka, titik, titik dua, garis bawah atau strip (misalnya sebuah UUID).';
export const KEY_REUSED = 'Idempotency-Key ini sudah dipakai untuk permintaan lain dengan isi berbeda; gunakan kunci baru untuk permintaan baru.';
export const KEY_STILL_RUNNING = 'Permintaan pertama dengan Idempotency-Key ini masih diproses; coba lagi sebentar lagi.';

/**
 * Makes a POST route honour an `Idempotency-Key` header (opt-in per route with {@link Idempotent}): the first request
 * with a key runs and its answer (status and body) is stored; a retry with the same key and the same body gets that
 * answer again without running anything, also while the first is still running (it waits for it); the same key with
 * another body (or on another route) is refused with 422. A request that fails forgets its key, so it can be retried.
 * Keys belong to the caller (tenant and user) and are remembered for {@link IDEMPOTENCY_KEY_TTL_HOURS} hours.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyKeys) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) throw new BadRequestException(INVALID_KEY);
    const scope: IdempotencyScope = { tenantId: request.user.tenantId, userId: request.user.userId, key };
    const claim = await this.keys.claim(scope, fingerprint(request));
    switch (claim.kind) {
      case 'other-request':
        throw new UnprocessableEntityException(KEY_REUSED);
      case 'still-running':
        throw new ConflictException(KEY_STILL_RUNNING);
      case 'replay':
        response.status(claim.answer.status).setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.answer.body);
      case 'run':
        return next.handle().pipe(
          // Stored as the client received it (instants rendered), so that a replay is the same bytes.
          map((body: unknown) => renderInstants(body)),
          mergeMap((body) => from(this.keys.complete(scope, { status: response.statusCode, body }).then(() => body))),
          catchError((error: unknown) => from(this.keys.release(scope)).pipe(mergeMap(() => throwError(() => error)))),
        );
    }
  }
}

/** The request a key stands for: method, path and body (object keys in a fixed order, so that their order does not count). */
function fingerprint(request: Request): string {
  return createHash('sha256').update(JSON.stringify([request.method, request.path, canonical(request.body)])).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((name) => [name, canonical((value as Record<string, unknown>)[name])]));
}

/** Opts a POST route in to `Idempotency-Key` and documents the header and its answers in OpenAPI. */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        `Optional. 8–255 characters of letters, digits and \`._:-\` (e.g. a UUID). A retry with the same key and the same body gets the ` +
        `first answer again (status and body, header \`${IDEMPOTENT_REPLAYED_HEADER}: true\`) and creates nothing, also while the first ` +
        `request is still running; keys are per user and kept ${IDEMPOTENCY_KEY_TTL_HOURS} h. A request that failed is not remembered.`,
    }),
    ApiBadRequestResponse({ description: 'Invalid input, or an Idempotency-Key of the wrong format' }),
    ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was already used for a request with another body (or route)' }),
    ApiConflictResponse({ description: 'The first request with this Idempotency-Key is still running after 15 s; retry later' }),
  );
}
