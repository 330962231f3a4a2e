// The cluster as the topology view draws it, computed from the informers'
// objects: what `kubectl get nodes,pods,svc -o wide` and the EndpointSlices
// say, in one plain structure. Pure.
import type { EndpointView, HostView, NodeView, PodView, ServiceView } from '../../../shared/api';
import type { KubeObject } from './kube-http';

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects arrive as JSON; each field is read defensively. */
type Obj = any;

export function nodeView(n: Obj): NodeView {
  const conditions: Obj[] = n.status?.conditions ?? [];
  const addresses: Obj[] = n.status?.addresses ?? [];
  const roles = Object.keys(n.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return {
    name: n.metadata?.name ?? '',
    ip: addresses.find((a) => a.type === 'InternalIP')?.address,
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    roles,
  };
}

/** STATUS as kubectl prints it: the most telling container reason, else the phase. */
export function podStatus(p: Obj): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  let reason: string = p.status?.reason ?? p.status?.phase ?? 'Unknown';
  const inits: Obj[] = p.status?.initContainerStatuses ?? [];
  for (const [i, c] of inits.entries()) {
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') return `Init:${c.state.waiting.reason}`;
    return `Init:${i}/${inits.length}`;
  }
  for (const c of (p.status?.containerStatuses ?? []) as Obj[]) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}

export function podView(p: Obj): PodView {
  const statuses: Obj[] = p.status?.containerStatuses ?? [];
  const total = (p.spec?.containers ?? []).length || statuses.length;
  return {
    namespace: p.metadata?.namespace ?? 'default',
    name: p.metadata?.name ?? '',
    node: p.spec?.nodeName || undefined,
    ip: p.status?.podIP || undefined,
    status: podStatus(p),
    ready: `${statuses.filter((c) => c.ready).length}/${total}`,
    restarts: statuses.reduce((a, c) => a + (c.restartCount ?? 0), 0),
    labels: p.metadata?.labels ?? {},
  };
}

/** EXTERNAL-IP as `kubectl get svc` prints it. */
export function externalIP(s: Obj): string {
  const type = s.spec?.type ?? 'ClusterIP';
  const external: string[] = s.spec?.externalIPs ?? [];
  if (type === 'ExternalName') return s.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const ingress: string[] = ((s.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip ?? i.hostname).filter(Boolean);
    const all = [...ingress, ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  return external.length ? external.join(',') : '<none>';
}

function endpointsOf(service: Obj, slices: Obj[]): EndpointView[] {
  const name = service.metadata?.name;
  const ns = service.metadata?.namespace;
  const out: EndpointView[] = [];
  for (const slice of slices) {
    if (slice.metadata?.namespace !== ns || slice.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
    const ports: number[] = ((slice.ports ?? []) as Obj[]).map((p) => p.port).filter((p) => typeof p === 'number');
    for (const e of (slice.endpoints ?? []) as Obj[]) {
      for (const ip of (e.addresses ?? []) as string[]) {
        out.push({
          ip,
          ready: e.conditions?.ready !== false,
          pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined,
          node: e.nodeName,
          ports,
        });
      }
    }
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }));
}

export function serviceView(s: Obj, slices: Obj[]): ServiceView {
  return {
    namespace: s.metadata?.namespace ?? 'default',
    name: s.metadata?.name ?? '',
    type: s.spec?.type ?? 'ClusterIP',
    clusterIP: s.spec?.clusterIP ?? '',
    externalIP: externalIP(s),
    ports: ((s.spec?.ports ?? []) as Obj[]).map((p) => ({
      name: p.name || undefined,
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      targetPort: p.targetPort !== undefined ? String(p.targetPort) : undefined,
      nodePort: p.nodePort || undefined,
    })),
    selector: s.spec?.selector ?? {},
    endpoints: endpointsOf(s, slices),
  };
}

const byName = <T extends { name: string; namespace?: string }>(a: T, b: T) => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`);

export function clusterObjects(input: { nodes: KubeObject[]; pods: KubeObject[]; services: KubeObject[]; slices: KubeObject[] }): {
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
} {
  return {
    nodes: input.nodes.map(nodeView).sort(byName),
    pods: input.pods.map(podView).sort(byName),
    services: input.services.map((s) => serviceView(s, input.slices)).sort(byName),
  };
}

export type { HostView };
