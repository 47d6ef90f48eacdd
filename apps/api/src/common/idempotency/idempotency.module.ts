import { Global, Module } from '@nestjs/common';
import { IdempotencyKeys } from './idempotency-keys';

/** The key store behind {@link Idempotent} routes, available to every module. */
@Global()
@Module({ providers: [IdempotencyKeys], exports: [IdempotencyKeys] })
export class IdempotencyModule {}
