// The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go)
// as a pure function: from a service, its pods and the existing slices, the
// slices to create, update and delete. Slices group endpoints by the ports
// they offer, hold at most 100 endpoints, change as little as possible, and a
// service without endpoints keeps one empty placeholder slice.
import type { Endpoint, EndpointSlice, EndpointSlicePort, Pod, Service } from '../../api/types';
import { KIND } from '../framework/kinds';
import { newControllerRef, semanticEqual } from '../framework/objects';
import { isPodReady } from '../framework/pods';
import { HEADLESS_LABEL } from '../endpoint/controller';
import { findPort, isHeadless, podAddress, shouldPodBeInEndpoints, shouldSetHostname } from '../endpoint/pods';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface ReconcileInput {
  service: Service;
  pods: Pod[];
  /** Node labels by node name; a pod on an unknown node is left out (and the sync retried). */
  nodes: Map<string, Record<string, string>>;
  existing: EndpointSlice[];
  maxEndpointsPerSlice?: number;
}

export interface ReconcilePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
  /** Pods skipped because their node is unknown: worth another try soon. */
  missingNodes: string[];
}

/** podToEndpoint. */
export function podToEndpoint(pod: Pod, service: Service, nodeLabels: Record<string, string> | undefined): Endpoint | undefined {
  const ip = podAddress(pod, service);
  if (!ip) return undefined;
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = nodeLabels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: unnamed ports keep an empty name. */
export function endpointPorts(service: Service, pod: Pod): EndpointSlicePort[] {
  const ports: EndpointSlicePort[] = [];
  for (const sp of service.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: EndpointSlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    ports.push(p);
  }
  return ports;
}

/** PortMapKey: the same ports in any order. */
function portMapKey(ports: EndpointSlicePort[] | null | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.protocol ?? '', p.port ?? 0, p.appProtocol ?? '']).sort());
}

/** The endpoint's identity in a slice (hashEndpoint). */
function endpointKey(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** Slice labels: the service's, minus reserved ones, plus the reserved ones the controller owns. */
export function sliceLabels(service: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = service.metadata.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

function labelsChanged(slice: EndpointSlice, service: Service): boolean {
  const strip = (l: Record<string, string> | undefined) => Object.fromEntries(Object.entries(l ?? {}).filter(([k]) => k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL));
  return !semanticEqual(strip(slice.metadata.labels), strip(service.metadata.labels));
}

export function newSlice(service: Service, ports: EndpointSlicePort[] | null): EndpointSlice {
  const prefix = `${service.metadata.name}-`;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: prefix.length <= 253 ? prefix : service.metadata.name,
      namespace: service.metadata.namespace,
      labels: sliceLabels(service),
      ownerReferences: [newControllerRef(service, KIND.Service)],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.uid === service.metadata.uid && r.kind === 'Service' && r.apiVersion === 'v1');
}

function isPlaceholder(slice: EndpointSlice, service: Service): boolean {
  const want = newSlice(service, null);
  return (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0 && semanticEqual(slice.metadata.labels, want.metadata.labels) && ownedBy(slice, service);
}

export function reconcile(input: ReconcileInput): ReconcilePlan {
  const { service, pods, nodes, existing } = input;
  const max = input.maxEndpointsPerSlice ?? 100;
  const plan: ReconcilePlan = { create: [], update: [], delete: [], missingNodes: [] };

  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (slice.addressType !== 'IPv4' || !ownedBy(slice, service)) {
      plan.delete.push(slice);
      continue;
    }
    const k = portMapKey(slice.ports);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), slice]);
  }

  const desired = new Map<string, { ports: EndpointSlicePort[]; endpoints: Map<string, Endpoint> }>();
  for (const pod of [...pods].sort((a, b) => (a.status?.podIP ?? '').localeCompare(b.status?.podIP ?? '', 'en', { numeric: true }))) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const k = portMapKey(ports);
    if (!desired.has(k)) desired.set(k, { ports, endpoints: new Map() });
    const nodeLabels = nodes.get(pod.spec.nodeName ?? '');
    if (!nodeLabels && !service.spec.publishNotReadyAddresses) {
      plan.missingNodes.push(pod.spec.nodeName ?? '');
      continue;
    }
    const ep = podToEndpoint(pod, service, nodeLabels);
    if (ep) desired.get(k)!.endpoints.set(endpointKey(ep), ep);
  }

  for (const [k, want] of desired) {
    const r = reconcileByPorts(service, existingByPorts.get(k) ?? [], want.endpoints, want.ports, max);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    plan.delete.push(...r.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) plan.delete.push(...slices);

  // A service with no endpoints keeps one empty slice, so that it shows up at all.
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    if (plan.delete.length === 1 && isPlaceholder(plan.delete[0]!, service)) plan.delete = [];
    else plan.create.push({ ...newSlice(service, null), endpoints: null });
  }

  // Creates become updates of slices that would be deleted anyway (finalize()).
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const victim = plan.delete[i]!;
    if (victim.addressType === 'IPv4' && ownedBy(victim, service)) {
      const slice = plan.create.pop()!;
      plan.update.push({ ...slice, metadata: { ...victim.metadata, labels: slice.metadata.labels, generateName: undefined } });
      plan.delete.splice(i, 1);
    } else i++;
  }
  for (const s of plan.update) if (!s.metadata.generateName) delete s.metadata.generateName;
  return plan;
}

/** reconcileByPortMapping. */
function reconcileByPorts(service: Service, existing: EndpointSlice[], desired: Map<string, Endpoint>, ports: EndpointSlicePort[], max: number) {
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();

  for (const slice of existing) {
    byName.set(slice.metadata.name!, slice);
    const kept: Endpoint[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const k = endpointKey(ep);
      const got = desired.get(k);
      if (!got) continue;
      kept.push(got);
      if (!semanticEqual(got, ep)) changed = true;
      desired.delete(k);
    }
    const relabel = labelsChanged(slice, service);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.add(slice.metadata.name!);
      else {
        byName.set(slice.metadata.name!, { ...structuredClone(slice), endpoints: kept, metadata: { ...structuredClone(slice.metadata), labels: sliceLabels(service) } });
        toUpdate.add(slice.metadata.name!);
      }
    } else if (relabel) {
      byName.set(slice.metadata.name!, { ...structuredClone(slice), metadata: { ...structuredClone(slice.metadata), labels: sliceLabels(service) } });
      toUpdate.add(slice.metadata.name!);
    } else unchanged.add(slice.metadata.name!);
  }

  const pending = [...desired.values()];
  if (pending.length && toUpdate.size) {
    const slices = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const s of slices) while (pending.length && (s.endpoints ?? []).length < max) s.endpoints!.push(pending.shift()!);
  }

  const create: EndpointSlice[] = [];
  while (pending.length) {
    let fill: EndpointSlice | undefined;
    if (pending.length < max && unchanged.size) {
      let best = max;
      for (const name of unchanged) {
        const s = byName.get(name)!;
        const diff = max - (pending.length + (s.endpoints ?? []).length);
        if (diff >= 0 && diff < best) {
          best = diff;
          fill = s;
        }
      }
    }
    if (fill) {
      fill = structuredClone(fill);
      fill.endpoints = [...(fill.endpoints ?? [])];
      byName.set(fill.metadata.name!, fill);
    } else fill = newSlice(service, ports);
    while (pending.length && fill.endpoints!.length < max) fill.endpoints!.push(pending.shift()!);
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else create.push(fill);
  }
  return { create, update: [...toUpdate].map((n) => byName.get(n)!), delete: [...toDelete].map((n) => byName.get(n)!) };
}
