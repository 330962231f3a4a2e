// The registry strategies' PrepareForCreate / PrepareForUpdate: what the server
// resets or computes whatever the client sent (status, generation, the
// namespace finalizer, a pod's phase and QoS class).

import type { Deployment, EndpointSlice, KubeObject, Namespace, Node, Pod, ReplicaSet, Service } from '../types';
import { semanticEqual } from '../validation/semantic';
import { computePodQOS } from './qos';
import { prepareServiceForCreate, prepareServiceForUpdate } from './service-strategy';

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

function bumpGenerationIf(changed: boolean, obj: KubeObject, old: KubeObject): void {
  obj.metadata.generation = (old.metadata.generation ?? 0) + (changed ? 1 : 0);
}

export function prepareKindForCreate(kind: string, obj: KubeObject): void {
  obj.metadata ??= {};
  switch (kind) {
    case 'Pod': {
      const pod = obj as Pod;
      pod.status = { phase: 'Pending', qosClass: computePodQOS(pod) };
      obj.metadata.generation = 1;
      break;
    }
    case 'Service':
      prepareServiceForCreate(obj as Service);
      break;
    case 'Namespace': {
      const ns = obj as Namespace;
      ns.status = { phase: 'Active' };
      ns.spec ??= {};
      const fins = ns.spec.finalizers ?? [];
      if (!fins.includes('kubernetes')) ns.spec.finalizers = [...fins, 'kubernetes'];
      break;
    }
    case 'Deployment':
      (obj as Deployment).status = {};
      obj.metadata.generation = 1;
      break;
    case 'ReplicaSet':
      // ReplicaSetStatus.replicas has no omitempty: an empty status still shows it.
      (obj as ReplicaSet).status = { replicas: 0 };
      obj.metadata.generation = 1;
      break;
    case 'EndpointSlice':
      obj.metadata.generation = 1;
      break;
  }
}

export function prepareKindForUpdate(kind: string, obj: KubeObject, old: KubeObject): void {
  obj.metadata ??= {};
  // rest.BeforeUpdate: clients cannot set the generation; strategies bump it.
  obj.metadata.generation = old.metadata.generation;
  if (obj.metadata.generation === undefined) delete obj.metadata.generation;
  switch (kind) {
    case 'Pod': {
      const pod = obj as Pod;
      pod.status = clone((old as Pod).status);
      bumpGenerationIf(!semanticEqual(pod.spec, (old as Pod).spec), obj, old);
      break;
    }
    case 'Service':
      prepareServiceForUpdate(obj as Service, old as Service);
      break;
    case 'Namespace': {
      const ns = obj as Namespace;
      const o = old as Namespace;
      ns.spec = { ...(ns.spec ?? {}), finalizers: clone(o.spec?.finalizers) };
      if (ns.spec.finalizers === undefined) delete ns.spec.finalizers;
      ns.status = clone(o.status);
      break;
    }
    case 'Node':
      (obj as Node).status = clone((old as Node).status);
      break;
    case 'Deployment': {
      const d = obj as Deployment;
      const o = old as Deployment;
      d.status = clone(o.status);
      // Annotations are copied to ReplicaSets, so they count as a change too.
      bumpGenerationIf(!semanticEqual(d.spec, o.spec) || !semanticEqual(d.metadata.annotations, o.metadata.annotations), obj, old);
      break;
    }
    case 'ReplicaSet': {
      const rs = obj as ReplicaSet;
      const o = old as ReplicaSet;
      rs.status = clone(o.status);
      bumpGenerationIf(!semanticEqual(rs.spec, o.spec), obj, old);
      break;
    }
    case 'EndpointSlice': {
      const strip = ({ metadata: _m, ...rest }: EndpointSlice): Record<string, unknown> => rest;
      const changed = !semanticEqual(strip(obj as EndpointSlice), strip(old as EndpointSlice))
        || !semanticEqual(obj.metadata.labels, old.metadata.labels);
      bumpGenerationIf(changed, obj, old);
      break;
    }
  }
}
