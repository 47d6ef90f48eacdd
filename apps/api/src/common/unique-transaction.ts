import { ConflictException } from '@nestjs/common';
import { isUniqueViolation } from '@lunas/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** A unique constraint a person's input can break, with the field and the Indonesian message of the 409. */
export interface UniqueField {
  constraint: string;
  field: string;
  message: string;
}

/** Runs a write in one transaction; breaking `unique` answers 409 on its field instead of a 500. */
export function uniqueTransaction<T>(dataSource: DataSource, unique: UniqueField, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work).catch((error: unknown) => {
    if (!isUniqueViolation(error, unique.constraint)) throw error;
    throw new ConflictException({ message: unique.message, errors: [{ field: unique.field, message: unique.message }] });
  });
}
