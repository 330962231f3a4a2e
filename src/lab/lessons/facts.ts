// What checks and placeholders need to know about pods and services, taken
// from API objects. Pure.
import type { EndpointSlice, Pod, Service } from '../../cluster/api/types';

export interface PodFact {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip?: string;
  node?: string;
  phase?: string;
  ready: boolean;
  /** Being deleted: kubectl still lists it (Terminating), but it serves nobody new. */
  terminating: boolean;
}

export interface ServiceFact {
  namespace: string;
  name: string;
  type: string;
  clusterIP?: string;
  ports: { name?: string; protocol: string; port: number; nodePort?: number }[];
  loadBalancerIPs: string[];
  externalName?: string;
  selector?: Record<string, string>;
}

export function podFact(pod: Pod): PodFact {
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    labels: pod.metadata.labels ?? {},
    ip: pod.status?.podIP || undefined,
    node: pod.spec?.nodeName || undefined,
    phase: pod.status?.phase,
    ready: ready && pod.status?.phase === 'Running',
    terminating: Boolean(pod.metadata.deletionTimestamp),
  };
}

export function serviceFact(svc: Service): ServiceFact {
  return {
    namespace: svc.metadata.namespace ?? 'default',
    name: svc.metadata.name ?? '',
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP || undefined,
    ports: (svc.spec?.ports ?? []).map((p) => ({ name: p.name || undefined, protocol: p.protocol ?? 'TCP', port: p.port, nodePort: p.nodePort })),
    loadBalancerIPs: (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => Boolean(ip)),
    externalName: svc.spec?.externalName,
    selector: svc.spec?.selector,
  };
}

/** Ready addresses of a Service's EndpointSlices. */
export function readyAddresses(slices: EndpointSlice[]): string[] {
  const out = new Set<string>();
  for (const slice of slices) {
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const a of ep.addresses) out.add(a);
    }
  }
  return [...out].sort(compareAddresses);
}

export function compareAddresses(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** "app=webui,tier=web" as a map; undefined when it is not such a selector. */
export function parseSelector(selector: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._/-]*)\s*==?\s*([A-Za-z0-9._-]*)\s*$/.exec(part);
    if (!m) return undefined;
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Pods that serve: Running, Ready and not being deleted, in name order (as kubectl lists them). */
export function servingPods(pods: PodFact[], selector: Record<string, string>): PodFact[] {
  return pods.filter((p) => p.ready && !p.terminating && matches(p.labels, selector)).sort((a, b) => a.name.localeCompare(b.name));
}
