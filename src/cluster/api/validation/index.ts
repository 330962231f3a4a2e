// Validation of the objects our kube-apiserver stores, with kube-apiserver's
// exact field errors. Call it after defaulting and the strategy's
// PrepareForCreate/PrepareForUpdate (see ../defaults), before allocating
// cluster IPs and node ports (see ../allocators), as upstream does.

import { fieldErrors as fe, FieldPath, statusErrors, type FieldError } from '../errors';
import type { Deployment, Endpoints, EndpointSlice, Event, KubeObject, Namespace, Node, Pod, ReplicaSet, Service, Status } from '../types';
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate } from './apps';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice';
import { validateEvent } from './event';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { validatePathSegmentName } from './names';
import { validateNamespace, validateNamespaceUpdate } from './namespace';
import { validateNode, validateNodeUpdate } from './node';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod';
import { validateService, validateServiceUpdate } from './service';

export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Node']);

type Validators = { create: (o: KubeObject) => FieldError[]; update: (o: KubeObject, old: KubeObject) => FieldError[] };

const byKind: Record<string, Validators> = {
  Namespace: { create: (o) => validateNamespace(o as Namespace), update: (o, p) => validateNamespaceUpdate(o as Namespace, p as Namespace) },
  Node: { create: (o) => validateNode(o as Node), update: (o, p) => validateNodeUpdate(o as Node, p as Node) },
  Pod: { create: (o) => validatePodCreate(o as Pod), update: (o, p) => validatePodUpdate(o as Pod, p as Pod) },
  Service: { create: (o) => validateService(o as Service), update: (o, p) => validateServiceUpdate(o as Service, p as Service) },
  Endpoints: { create: (o) => validateEndpoints(o as Endpoints), update: (o, p) => validateEndpointsUpdate(o as Endpoints, p as Endpoints) },
  EndpointSlice: {
    create: (o) => validateEndpointSlice(o as EndpointSlice),
    update: (o, p) => validateEndpointSliceUpdate(o as EndpointSlice, p as EndpointSlice),
  },
  Event: { create: (o) => validateEvent(o as Event), update: (o, p) => [...validateObjectMetaUpdate(o.metadata, p.metadata), ...validateEvent(o as Event)] },
  Deployment: { create: (o) => validateDeployment(o as Deployment), update: (o, p) => validateDeploymentUpdate(o as Deployment, p as Deployment) },
  ReplicaSet: { create: (o) => validateReplicaSet(o as ReplicaSet), update: (o, p) => validateReplicaSetUpdate(o as ReplicaSet, p as ReplicaSet) },
};

/**
 * The field errors kube-apiserver would report for creating `obj` (no `old`)
 * or replacing `old` with it. An empty list means valid.
 */
export function validateObject(kind: string, obj: KubeObject, old?: KubeObject): FieldError[] {
  const v = byKind[kind];
  if (!v) return [fe.internal(FieldPath.of('kind'), `no validation for kind ${kind}`)];
  if (old) return v.update(obj, old);
  const errs = v.create(obj);
  if (errs.length > 0) return errs;
  // rest.BeforeCreate: once the kind's own rules pass, every name must still be a URL path segment.
  return validateObjectMeta(obj.metadata, !CLUSTER_SCOPED_KINDS.has(kind), validatePathSegmentName)
    .filter((e) => !e.field.startsWith('metadata.finalizers[')); // the kube-specific finalizer check is core's, not generic
}

/** Validation of a /status subresource write (what kubelets and controllers send). */
export function validateStatusUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  if (kind === 'Pod') return validatePodStatusUpdate(obj as Pod, old as Pod);
  return validateObjectMetaUpdate(obj.metadata, old.metadata);
}

/** The 422 Status for a failed validation: `Service "x" is invalid: ...`. */
export function invalidStatus(kind: string, group: string, name: string, errors: readonly FieldError[]): Status {
  return statusErrors.invalid({ group, kind }, name, errors);
}

export { validatePathSegmentName } from './names';
export { findQuantityDecodeError } from './resources';
export { parseQuantity, quantityString, compareQuantity, roundUpQuantity, QUANTITY_FORMAT_ERROR, type Quantity } from './quantity';
export { externallyAccessible, needsHealthCheck } from './service';
export { isHeadlessService, validateServiceClusterIPsRelatedFields } from './service-ips';
export { selectorMatches } from './labels';
export { semanticEqual } from './semantic';
