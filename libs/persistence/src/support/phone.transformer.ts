// eslint-disable-next-line @nx/enforce-module-boundaries -- by path: entities load in Jest's globalSetup, where the @lunas/* aliases do not resolve
import { normalisePhone } from '../../../domain/src/phone';
import type { ValueTransformer } from 'typeorm';

/**
 * Phone columns hold the `62…` form: whatever a person typed (`0812-3456-7890`, `+62 812…`) is normalised on every
 * write; an invalid number throws the domain's `INVALID_PHONE` error (Indonesian message) before anything is written.
 */
export const phoneTransformer: ValueTransformer = {
  to: (value: unknown) => (typeof value === 'string' ? normalisePhone(value) : value),
  from: (value: unknown) => value,
};
