// Defaulting as kube-apiserver does it, in three steps the create/update
// handlers call in this order (the order upstream runs them):
//   1. applyDefaults        scheme defaults, on every decoded body (create and update)
//   2. admitCreate          mutating admission, on create only (pods)
//   3. prepareForCreate / prepareForUpdate   the registry strategy
// then validation (../validation) and allocation (../allocators).

import type { KubeObject, Pod, Status } from '../types';
import { admitPodCreate, type PodAdmissionOptions } from './admission';
import { defaultDeployment, defaultReplicaSet } from './apps';
import { defaultEndpoints, defaultEndpointSlice } from './discovery';
import { defaultEvent } from './event';
import { generateName } from './generate-name';
import { defaultNamespace, defaultNode } from './namespace';
import { defaultPod } from './pod';
import { defaultService } from './service';
import { prepareKindForCreate, prepareKindForUpdate } from './strategy';
import type { Deployment, Endpoints, EndpointSlice, Event, Namespace, Node, ReplicaSet, Service } from '../types';

/** Scheme defaults (SetDefaults_*). Mutates `obj`, a fresh copy the caller owns. */
export function applyDefaults(kind: string, obj: KubeObject): void {
  obj.metadata ??= {};
  switch (kind) {
    case 'Pod': defaultPod(obj as Pod); break;
    case 'Service': defaultService(obj as Service); break;
    case 'Deployment': defaultDeployment(obj as Deployment); break;
    case 'ReplicaSet': defaultReplicaSet(obj as ReplicaSet); break;
    case 'Namespace': defaultNamespace(obj as Namespace); break;
    case 'Endpoints': defaultEndpoints(obj as Endpoints); break;
    case 'EndpointSlice': defaultEndpointSlice(obj as EndpointSlice); break;
    case 'Event': defaultEvent(obj as Event); break;
    case 'Node': defaultNode(obj as Node); break;
  }
}

/** Mutating admission on create. A Status is a refusal to return to the client. */
export function admitCreate(kind: string, obj: KubeObject, opts: PodAdmissionOptions = {}): Status | undefined {
  return kind === 'Pod' ? admitPodCreate(obj as Pod, opts) : undefined;
}

export interface PrepareOptions {
  random?: () => number;
}

/**
 * The strategy's PrepareForCreate, plus the name generation rest.BeforeCreate
 * does right after it (generateName + 5 random characters).
 */
export function prepareForCreate(kind: string, obj: KubeObject, opts: PrepareOptions = {}): void {
  prepareKindForCreate(kind, obj);
  const m = obj.metadata;
  if (m.generateName && !m.name) m.name = generateName(m.generateName, opts.random);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
}

/** The strategy's PrepareForUpdate: `obj` is the new object, `old` the stored one. */
export function prepareForUpdate(kind: string, obj: KubeObject, old: KubeObject): void {
  prepareKindForUpdate(kind, obj, old);
}

export { admitPodCreate, DEFAULT_TOLERATION_SECONDS, SYSTEM_PRIORITY_CLASSES, type PodAdmissionOptions } from './admission';
export { computePodQOS } from './qos';
export { defaultPullPolicy, parseImageRef } from './image';
export { generateName, randomSuffix } from './generate-name';
export { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './service-strategy';
