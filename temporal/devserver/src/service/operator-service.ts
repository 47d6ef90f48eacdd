/**
 * `temporal.api.operatorservice.v1.OperatorService`: search attribute registration and listing, backed by
 * the visibility layer's registry (custom attributes per namespace, seeded from `--search-attribute`).
 */
import type { UnaryHandler } from '../grpc/bind-service';
import { Namespaces } from '../state/namespaces';
import { ServiceError } from '../errors';
import { temporal } from '../proto';
import { SearchAttributeRegistry, VisibilityError } from '../visibility';

type Op = typeof temporal.api.operatorservice.v1;
type AddRequest = ReturnType<Op['AddSearchAttributesRequest']['decode']>;
type RemoveRequest = ReturnType<Op['RemoveSearchAttributesRequest']['decode']>;
type ListRequest = ReturnType<Op['ListSearchAttributesRequest']['decode']>;

function translated<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof VisibilityError) throw new ServiceError(error.code, error.message);
    throw error;
  }
}

export function operatorServiceHandlers(namespaces: Namespaces, registry: SearchAttributeRegistry): Record<string, UnaryHandler> {
  const ns = (name: string | null | undefined) => namespaces.get(name || 'default').name;
  const handlers = {
    AddSearchAttributes: (req: AddRequest) => translated(() => (registry.add(ns(req.namespace), { ...req.searchAttributes }), {})),
    RemoveSearchAttributes: (req: RemoveRequest) => translated(() => (registry.remove(ns(req.namespace), req.searchAttributes ?? []), {})),
    ListSearchAttributes: (req: ListRequest) => translated(() => ({ ...registry.list(ns(req.namespace)), storageSchema: {} })),
  };
  return handlers as unknown as Record<string, UnaryHandler>;
}
