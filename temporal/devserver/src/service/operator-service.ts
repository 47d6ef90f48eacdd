/**
 * `temporal.api.operatorservice.v1.OperatorService`: search attribute registration and listing, backed by
 * the visibility layer's registry (custom attributes per namespace, seeded from `--search-attribute`, journaled).
 */
import type { Engine } from '../engine/engine';
import { asServiceErrors } from '../engine/visibility';
import type { UnaryHandler } from '../grpc/bind-service';
import { temporal } from '../proto';

type Op = typeof temporal.api.operatorservice.v1;
type AddRequest = ReturnType<Op['AddSearchAttributesRequest']['decode']>;
type RemoveRequest = ReturnType<Op['RemoveSearchAttributesRequest']['decode']>;
type ListRequest = ReturnType<Op['ListSearchAttributesRequest']['decode']>;

export function operatorServiceHandlers(engine: Engine): Record<string, UnaryHandler> {
  const registry = engine.visibility.registry;
  const ns = (name: string | null | undefined) => engine.namespaces.get(name || 'default').name;
  const handlers = {
    AddSearchAttributes: async (req: AddRequest) => {
      asServiceErrors(() => registry.add(ns(req.namespace), { ...req.searchAttributes }));
      await engine.saveMetadata();
      return {};
    },
    RemoveSearchAttributes: async (req: RemoveRequest) => {
      asServiceErrors(() => registry.remove(ns(req.namespace), req.searchAttributes ?? []));
      await engine.saveMetadata();
      return {};
    },
    ListSearchAttributes: (req: ListRequest) => asServiceErrors(() => ({ ...registry.list(ns(req.namespace)), storageSchema: {} })),
  };
  return handlers as unknown as Record<string, UnaryHandler>;
}
