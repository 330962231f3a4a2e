// What goes back to the client for objects and lists: the object itself, a
// meta.k8s.io Table, or PartialObjectMetadata, as the Accept header asked.
import { asPartialObjectMetadata, toTable } from '../api/printers';
import type { KubeObject } from '../api/types';
import type { Representation } from './http/negotiate';
import { apiVersionOf, type ResourceInfo } from './resources';

export function withTypeMeta(info: ResourceInfo, object: KubeObject): KubeObject {
  // apiVersion and kind first, as Go serializes TypeMeta before ObjectMeta.
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return { apiVersion: apiVersionOf(info), kind: info.kind, ...rest } as KubeObject;
}

export function presentObject(info: ResourceInfo, object: KubeObject, rep: Representation, query: URLSearchParams, now: Date, noHeaders = false): unknown {
  const typed = withTypeMeta(info, object);
  if (rep.as === 'Table') {
    return toTable(info.resource, [typed], { now, includeObject: query.get('includeObject') ?? undefined, noHeaders, tableVersion: rep.version });
  }
  if (rep.as === 'PartialObjectMetadata') return asPartialObjectMetadata(typed, `meta.k8s.io/${rep.version}`);
  return typed;
}

export function presentList(info: ResourceInfo, items: KubeObject[], rep: Representation, query: URLSearchParams, now: Date, listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number }): unknown {
  if (rep.as === 'Table') {
    return toTable(
      info.resource,
      items.map((o) => withTypeMeta(info, o)),
      { now, includeObject: query.get('includeObject') ?? undefined, listMeta, tableVersion: rep.version },
    );
  }
  const metadata: Record<string, unknown> = { resourceVersion: listMeta.resourceVersion };
  if (listMeta.continue) metadata.continue = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount;
  if (rep.as === 'PartialObjectMetadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata,
      items: items.map((o) => {
        const partial = asPartialObjectMetadata(withTypeMeta(info, o), `meta.k8s.io/${rep.version}`) as unknown as Record<string, unknown>;
        const { kind: _k, apiVersion: _a, ...rest } = partial;
        return rest;
      }),
    };
  }
  // Items of a typed list carry no apiVersion/kind on the wire.
  return {
    kind: `${info.kind}List`,
    apiVersion: apiVersionOf(info),
    metadata,
    items: items.map((o) => {
      const { apiVersion: _a, kind: _k, ...rest } = o;
      return rest;
    }),
  };
}
