import { HttpStatus } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { DATABASE_DOWN, outageException, TEMPORAL_DOWN, unreachableDependency } from './outage';

const withCode = (message: string, code: string | number) => Object.assign(new Error(message), { code });

describe('outage', () => {
  describe(unreachableDependency.name, () => {
    it('recognises PostgreSQL unreachable: refused socket, server shutting down, a dead pooled connection', () => {
      expect(unreachableDependency(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('database');
      expect(unreachableDependency(new QueryFailedError('SELECT 1', [], withCode('terminating connection due to administrator command', '57P01')))).toBe('database');
      expect(unreachableDependency(new QueryFailedError('SELECT 1', [], withCode('the database system is starting up', '57P03')))).toBe('database');
      expect(unreachableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    });

    it('recognises Temporal unreachable through the cause of a ServiceError', () => {
      expect(unreachableDependency(new ServiceError('Failed to signal workflow', { cause: withCode('14 UNAVAILABLE: No connection established', 14) }))).toBe('temporal');
      expect(unreachableDependency(new ServiceError('Failed to query workflow', { cause: withCode('connect ECONNREFUSED 127.0.0.1:7233', 'ECONNREFUSED') }))).toBe('temporal');
      expect(unreachableDependency(withCode('4 DEADLINE_EXCEEDED', 4))).toBe('temporal');
    });

    it('leaves real faults and refusals alone', () => {
      expect(unreachableDependency(new QueryFailedError('INSERT', [], withCode('duplicate key value violates unique constraint', '23505')))).toBeUndefined();
      expect(unreachableDependency(new ServiceError('Failed to signal workflow', { cause: withCode('3 INVALID_ARGUMENT', 3) }))).toBeUndefined();
      expect(unreachableDependency(new TypeError('x is undefined'))).toBeUndefined();
      expect(unreachableDependency('boom')).toBeUndefined();
    });
  });

  describe(outageException.name, () => {
    it('answers 503 with the Indonesian message of the dependency', () => {
      const database = outageException(withCode('connect ECONNREFUSED', 'ECONNREFUSED'));
      expect(database?.getStatus()).toBe(HttpStatus.SERVICE_UNAVAILABLE);
      expect(database?.getResponse()).toMatchObject({ message: DATABASE_DOWN });
      expect(outageException(withCode('14 UNAVAILABLE', 14))?.getResponse()).toMatchObject({ message: TEMPORAL_DOWN });
      expect(outageException(new Error('bug'))).toBeUndefined();
    });
  });
});
