// meta.AsPartialObjectMetadata: the default row object. Keys come out in
// ObjectMeta's field order so the JSON reads as a real server's does.

import type { KubeObject, ObjectMeta } from '../types';

const objectMetaOrder = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

export function orderedObjectMeta(meta: ObjectMeta | undefined): ObjectMeta {
  const src = (meta ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of objectMetaOrder) if (src[key] !== undefined) out[key] = src[key];
  return out as ObjectMeta;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: string;
  metadata: ObjectMeta;
}

/** `groupVersion` is the Table's own (meta.k8s.io/v1 or v1beta1), as in handlers/response.go asTable. */
export function asPartialObjectMetadata(obj: KubeObject, groupVersion: string): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: groupVersion, metadata: orderedObjectMeta(obj.metadata) };
}
