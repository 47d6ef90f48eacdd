import { randomUUID } from 'node:crypto';
import { invalidArgument, namespaceNotFound } from '../errors';

export interface NamespaceInfo {
  name: string;
  id: string;
  description: string;
  /** Retention of closed workflows, in days (informational: the dev server keeps everything). */
  retentionDays: number;
}

/** Default retention reported by DescribeNamespace, matching the Temporal CLI dev server (1 day). */
export const DEFAULT_RETENTION_DAYS = 1;

export class Namespaces {
  private readonly byName = new Map<string, NamespaceInfo>();
  constructor(names: string[]) {
    for (const name of ['default', ...names]) this.register(name);
  }

  /** Registers a namespace (idempotent); `id` restores a journaled one. */
  register(name: string, description = '', id?: string): NamespaceInfo {
    const existing = this.byName.get(name);
    if (existing) {
      if (id) existing.id = id;
      return existing;
    }
    const info = { name, id: id ?? randomUUID(), description, retentionDays: DEFAULT_RETENTION_DAYS };
    this.byName.set(name, info);
    return info;
  }

  get(name: string | null | undefined): NamespaceInfo {
    if (!name) throw invalidArgument('namespace is not set on request');
    const info = this.byName.get(name);
    if (!info) throw namespaceNotFound(name);
    return info;
  }

  list(): NamespaceInfo[] {
    return [...this.byName.values()];
  }
}
